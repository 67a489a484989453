import type { OrchestrationContext, Task } from 'durable-functions';
import type { RunStep } from '../activities/RunPlan';
import type { OrchestratorRef } from './durableTasks';
import type { RetryPolicy, StepOutcome } from './runSteps';
import { runSteps } from './runSteps';

export interface StepGroupInput {
  runId: string;
  steps: RunStep[];
  retry: RetryPolicy;
  maxParallel: number;
}

export const stepGroupRef: OrchestratorRef<StepGroupInput, StepOutcome[]> = { name: 'stepGroup' };

/**
 * Steps that belong to no single VNet (route tables and NSGs several spokes
 * share), run as soon as every VNet they serve has its IPv6 space, beside the
 * spokes and the hub lane rather than after them. A sub-orchestration so the
 * run's parent can race it with everything else.
 */
export function* stepGroup(ctx: OrchestrationContext): Generator<Task, StepOutcome[], unknown> {
  const input = ctx.df.getInput<StepGroupInput>();
  return yield* runSteps(ctx, input.runId, input.steps, input.retry, { maxParallel: input.maxParallel });
}
