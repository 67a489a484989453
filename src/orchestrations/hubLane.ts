import type { OrchestrationContext, Task } from 'durable-functions';
import type { RunStep } from '../activities/RunPlan';
import type { OrchestratorRef } from './durableTasks';
import type { RetryPolicy, StepOutcome } from './runSteps';
import { runSteps } from './runSteps';

export interface HubLaneInput {
  runId: string;
  /** hub-side writes (peering syncs), in the order they became ready */
  steps: RunStep[];
  retry: RetryPolicy;
}

export const hubLaneRef: OrchestratorRef<HubLaneInput, StepOutcome[]> = { name: 'hubLane' };

/**
 * Writes to the hub VNet one at a time. Azure takes one operation per VNet at a
 * time (a second gets AnotherOperationInProgress), so spokes racing for the hub
 * would mostly be backing off; a lane keeps the hub busy back to back instead.
 * It is a sub-orchestration of its own because its history stays a few events
 * long, so the gap between two syncs is one cheap replay rather than one of the
 * whole run's. One spoke's failed sync never holds up the next spoke's.
 */
export function* hubLane(ctx: OrchestrationContext): Generator<Task, StepOutcome[], unknown> {
  const input = ctx.df.getInput<HubLaneInput>();
  const outcomes: StepOutcome[] = [];
  for (const step of input.steps) {
    outcomes.push(...(yield* runSteps(ctx, input.runId, [step], input.retry, { critical: true })));
  }
  return outcomes;
}
