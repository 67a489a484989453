import type { RunStep } from '../activities/RunPlan';
import type { TypedTask } from './durableTasks';
import type { StepOutcome } from './runSteps';
import { notStarted } from './runSteps';
import { describeTaskFailure } from './taskFailure';

/**
 * One outcome per step handed to a step-running sub-orchestration (the hub lane,
 * a shared step group). Those never throw, so a step they return nothing for
 * means the child itself broke: it counts as failed, with the child's failure
 * when there is one.
 */
export function childOutcomes(
  task: TypedTask<StepOutcome[]>,
  steps: readonly RunStep[],
  finishedAt: string,
  missing: { code: string; message: string },
): StepOutcome[] {
  const returned = task.isFaulted ? [] : (task.result as StepOutcome[]);
  const byStep = new Map(returned.map((o) => [o.stepId, o]));
  const broken = task.isFaulted ? describeTaskFailure(task.result) : missing;
  return steps.map(
    (step) =>
      byStep.get(step.id) ?? {
        ...notStarted(step, finishedAt),
        outcome: 'failed',
        errorCode: broken.code,
        message: broken.message,
      },
  );
}
