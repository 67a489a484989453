import type { OrchestrationContext, Task } from 'durable-functions';
import { planNetworkRef } from '../activities/planNetworkContract';
import { reportDriftRef } from '../activities/reportDriftContract';
import type { OrchestratorRef } from './durableTasks';
import { awaitTask, callActivity } from './durableTasks';
import type { MigrationResult, RolloutSettings } from './migrateEstate';
import { remediationRun } from './remediationRun';
import type { RetryPolicy } from './runSteps';

export interface ScanDriftInput {
  runId: string;
  config: unknown;
  /** remediateDrift: migrate the drifted spokes (without approval) instead of only counting them */
  remediate: boolean;
  rollout: RolloutSettings;
  retry?: RetryPolicy;
}

export interface DriftResult {
  runId: string;
  /** plan steps: each is one resource that is not (fully) dual-stack */
  driftCount: number;
  spokesTotal: number;
  spokesDualStack: number;
  spokesPending: number;
  /** VNets with steps or blockers, sorted */
  driftedVnetIds: string[];
  blockers: number;
  remediation?: { runId: string; outcome: MigrationResult['outcome']; changes: number };
}

export const scanDriftRef: OrchestratorRef<ScanDriftInput, DriftResult> = { name: 'scanDrift' };

/**
 * The scheduled drift scan: plan across every spoke without writing and report the counts as a 'drift'
 * run. Only with remediateDrift on does it then migrate what drifted, as a remediation without approval
 * (the same migration a human would start, limited to the drifted spokes).
 */
export function* scanDrift(ctx: OrchestrationContext): Generator<Task, DriftResult, unknown> {
  const input = ctx.df.getInput<ScanDriftInput>();
  const plan = yield* callActivity(ctx, planNetworkRef, { config: input.config });
  const spokes = plan.vnets.filter((v) => v.role === 'spoke');
  // A hub carrying the exclusion tag (a rollback put it there) keeps the estate IPv4 on purpose: not drift.
  const hubExcluded = plan.blockers.some((b) => b.code === 'HubExcluded');
  const drifted = plan.vnets.filter(
    (v) => v.stepIds.length > 0 || (v.blocked === true && !(hubExcluded && v.role === 'hub')),
  );
  const pending = spokes.filter((v) => v.stepIds.length > 0 || v.blocked === true).length;
  const result: DriftResult = {
    runId: input.runId,
    driftCount: plan.steps.length,
    spokesTotal: spokes.length,
    spokesDualStack: spokes.length - pending,
    spokesPending: pending,
    driftedVnetIds: drifted.map((v) => v.vnetId).sort(),
    blockers: plan.blockers.length,
  };
  ctx.df.setCustomStatus(result);
  yield* callActivity(ctx, reportDriftRef, {
    runId: input.runId,
    runKind: 'drift',
    outcome: plan.steps.length === 0 ? 'noDrift' : 'driftFound',
    stepsTotal: plan.steps.length,
    stepsSucceeded: 0,
    stepsFailed: 0,
    changes: 0,
    lostRows: 0,
    finishedAt: ctx.df.currentUtcDateTime.toISOString(),
    spokesTotal: result.spokesTotal,
    spokesDualStack: result.spokesDualStack,
    spokesPending: result.spokesPending,
    driftCount: result.driftCount,
  });
  const driftedSpokes = drifted.filter((v) => v.role === 'spoke').map((v) => v.vnetId);
  if (!input.remediate || plan.steps.length === 0) return result;

  const runId = `${input.runId}-remediate`;
  const run = yield* awaitTask(
    remediationRun(ctx, runId, {
      config: input.config,
      // Hub-only drift (no spoke drifted) is planned over every spoke, which leaves just the hub's steps.
      ...(driftedSpokes.length > 0 ? { onlyVnetIds: driftedSpokes } : {}),
      rollout: input.rollout,
      ...(input.retry ? { retry: input.retry } : {}),
    }),
  );
  result.remediation = { runId, outcome: run.outcome, changes: run.changes };
  ctx.df.setCustomStatus(result);
  return result;
}
