import type { OrchestrationContext, Task } from 'durable-functions';
import type { RunStep } from '../activities/RunPlan';
import type { PlanRef } from '../activities/RunStore';
import { reportOutcomesRef } from '../activities/reportOutcomesContract';
import { loadRollbackGroupRef } from '../activities/rollbackStoreContract';
import type { OrchestratorRef } from './durableTasks';
import { callActivity } from './durableTasks';
import type { RetryPolicy, StepOutcome } from './runSteps';
import { notStarted, runSteps, stepSucceeded } from './runSteps';
import { stepsByOwner } from './dependencyWaves';

export interface RollbackGroupInput {
  runId: string;
  plan: PlanRef;
  wave: number;
  group: number;
  hubVnetId: string;
  retry: RetryPolicy;
  maxParallel: number;
  /** an earlier wave failed: report this group's steps as not started, write nothing */
  skip: boolean;
}

/** One VNet's share of a step group's outcomes (a VNet's steps stay in one group of a wave). */
export interface VnetTally {
  vnetId: string;
  succeeded: number;
  failed: number;
  skipped: number;
  /** steps that wrote (applied or merged) */
  changes: number;
  /** the first step that failed for good */
  failedStep?: { stepId: string; errorCode: string; message: string };
}

export interface RollbackGroupResult {
  vnets: VnetTally[];
  /** lower-cased ids of every VNet a step that did not succeed serves (a shared route table serves several) */
  unsettledVnets: string[];
  /** rows Azure Monitor did not take */
  lost: number;
}

export const rollbackGroupRef: OrchestratorRef<RollbackGroupInput, RollbackGroupResult> = {
  name: 'rollbackGroup',
};

function tally(vnetId: string, outcomes: readonly StepOutcome[]): VnetTally {
  const failed = outcomes.find((o) => o.outcome === 'failed');
  return {
    vnetId,
    succeeded: outcomes.filter((o) => stepSucceeded(o)).length,
    failed: outcomes.filter((o) => o.outcome === 'failed').length,
    skipped: outcomes.filter((o) => o.outcome === 'skipped').length,
    changes: outcomes.filter((o) => o.outcome === 'applied' || o.outcome === 'merged').length,
    ...(failed
      ? {
          failedStep: {
            stepId: failed.stepId,
            errorCode: failed.errorCode ?? 'Unknown',
            message: failed.message ?? '',
          },
        }
      : {}),
  };
}

/**
 * One step group of a rollback wave: loads its steps from the run store, runs them (or, once
 * an earlier wave failed, reports them as not started), reports one row per step, and answers
 * with a tally per VNet. The parent's history then holds tallies, never steps or outcomes, so
 * it stays small however large the estate.
 */
export function* rollbackGroup(ctx: OrchestrationContext): Generator<Task, RollbackGroupResult, unknown> {
  const input = ctx.df.getInput<RollbackGroupInput>();
  const steps: RunStep[] = yield* callActivity(ctx, loadRollbackGroupRef, {
    plan: input.plan,
    wave: input.wave,
    group: input.group,
  });
  const now = ctx.df.currentUtcDateTime.toISOString();
  const outcomes = input.skip
    ? steps.map((step) => notStarted(step, now))
    : yield* runSteps(ctx, input.runId, steps, input.retry, { maxParallel: input.maxParallel });
  const byStep = new Map(outcomes.map((o) => [o.stepId, o]));
  const result: RollbackGroupResult = { vnets: [], unsettledVnets: [], lost: 0 };
  const unsettled = new Set<string>();
  for (const [owner, owned] of stepsByOwner(steps)) {
    const vnetId = owned[0]?.vnetId ?? owned[0]?.vnetIds[0] ?? input.hubVnetId;
    const mine = owned.flatMap((s) => byStep.get(s.id) ?? []);
    for (const s of owned)
      if (!stepSucceeded(byStep.get(s.id) ?? { outcome: 'failed' }))
        for (const v of [owner, ...s.vnetIds]) if (v) unsettled.add(v.toLowerCase());
    const report = yield* callActivity(ctx, reportOutcomesRef, {
      runId: input.runId,
      runKind: 'rollback',
      vnetId,
      role: vnetId.toLowerCase() === input.hubVnetId.toLowerCase() ? 'hub' : 'spoke',
      outcomes: mine,
    });
    result.lost += report.lost;
    result.vnets.push(tally(vnetId, mine));
  }
  result.unsettledVnets = [...unsettled].sort();
  return result;
}
