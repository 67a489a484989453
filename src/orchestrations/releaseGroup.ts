import type { OrchestrationContext, Task } from 'durable-functions';
import { releaseReservationRef } from '../activities/releaseReservationContract';
import type { OrchestratorRef } from './durableTasks';
import { activityTask, taskResult, whenSettled } from './durableTasks';

export interface ReleaseGroupInput {
  runId: string;
  /** VNets a rollback took back to IPv4, each with the /56 it held */
  releases: { vnetId: string; rolledBackPrefix: string }[];
}

export interface ReleaseGroupResult {
  /** report rows Azure Monitor did not take */
  lost: number;
  /** VNets whose release failed: their /56 stays reserved until a later rollback or release */
  kept: string[];
}

export const releaseGroupRef: OrchestratorRef<ReleaseGroupInput, ReleaseGroupResult> = {
  name: 'releaseGroup',
};

/** Releases at once: each reads its VNet from ARM first. */
const AT_ONCE = 50;

/**
 * Gives back the /56s of up to a hundred rolled-back VNets (level-triggered: only a VNet that no
 * longer carries its /56 gives it back). A sub-orchestration so that a thousand releases don't
 * each replay the rollback's own history. A release that fails keeps its /56 reserved, which is
 * safe, and a later rollback releases it.
 */
export function* releaseGroup(ctx: OrchestrationContext): Generator<Task, ReleaseGroupResult, unknown> {
  const input = ctx.df.getInput<ReleaseGroupInput>();
  const result: ReleaseGroupResult = { lost: 0, kept: [] };
  for (let at = 0; at < input.releases.length; at += AT_ONCE) {
    const batch = input.releases.slice(at, at + AT_ONCE);
    const tasks = batch.map((r) => activityTask(ctx, releaseReservationRef, { runId: input.runId, ...r }));
    yield* whenSettled(ctx, tasks);
    for (const [i, task] of tasks.entries()) {
      if (task.isFaulted) result.kept.push(batch[i]?.vnetId ?? '');
      else result.lost += taskResult(task).report.lost;
    }
  }
  return result;
}
