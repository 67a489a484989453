import type { OrchestrationContext, Task } from 'durable-functions';
import type { RunPlan, RunStep } from '../activities/RunPlan';
import { planNetworkRef } from '../activities/planNetworkContract';
import { releaseReservationRef } from '../activities/releaseReservationContract';
import type { ReportResult, RunSummaryInput } from '../activities/reportOutcomesContract';
import { reportOutcomesRef, reportRunSummaryRef } from '../activities/reportOutcomesContract';
import { approvalColumns, approvalOf, approvalRefusal } from './awaitApproval';
import type { OrchestratorRef } from './durableTasks';
import { callActivity, subOrchestratorTask, whenAny } from './durableTasks';
import type {
  EstateStatus,
  MigrationResult,
  RolloutSettings,
  RunOutcome,
  VnetSummary,
} from './migrateEstate';
import { DEFAULT_MAX_PARALLEL_WRITES, summarise } from './migrateEstate';
import type { RetryPolicy, StepOutcome } from './runSteps';
import { DEFAULT_RETRY, notStarted, stepSucceeded } from './runSteps';
import { childOutcomes } from './childOutcomes';
import { dependencyWaves, groupsOf, stepsByOwner } from './dependencyWaves';
import { stepGroupRef } from './stepGroup';
import { describeTaskFailure } from './taskFailure';
import { runResult, runSummaryRow } from './runResult';

export interface RollbackEstateInput {
  runId: string;
  /** the migration instance whose IPv6 this takes back out, for the record */
  rollsBack?: string;
  config: unknown;
  /** the VNets to take back to IPv4; every VNet Dualstack holds a reservation for when absent */
  vnetIds?: string[];
  dryRun: boolean;
  approval: { required: boolean; timeoutMinutes: number };
  rollout: Pick<RolloutSettings, 'maxParallelWrites'>;
  retry?: RetryPolicy;
}

export const rollbackEstateRef: OrchestratorRef<RollbackEstateInput, MigrationResult> = {
  name: 'rollbackEstate',
};

/**
 * Steps per sub-orchestration. Every completion replays an orchestration's whole history, so a
 * few hundred steps in one would cost seconds of replay each; waves of small groups keep every
 * history short, as a migration's per-VNet sub-orchestrations do.
 */
const GROUP_SIZE = 40;

/**
 * Takes Dualstack's IPv6 back out, the way a migration put it in: plan (nothing written), wait
 * for a reviewer, then the steps in dependency order (routes and rules, NICs, load balancers,
 * VNets with spokes before the hub, peering syncs), each one a read-merge-write that leaves IPv4
 * exactly as it is. A VNet whose every step succeeded gives its /56 back. One row per step and a
 * summary row go to Azure Monitor as for any run, with RunKind `rollback`.
 *
 * The order runs across VNets (spoke routes before the hub's NVA frontend), so the steps go in
 * dependency waves (dependencyWaves), each wave as step groups of one or more VNets in parallel
 * within the run's write budget. A step that fails stops every later wave, which is what someone
 * backing out a change wants; a second rollback converges.
 */
export function* rollbackEstate(ctx: OrchestrationContext): Generator<Task, MigrationResult, unknown> {
  const input = ctx.df.getInput<RollbackEstateInput>();
  const retry = input.retry ?? DEFAULT_RETRY;
  const status: EstateStatus = { phase: 'planning', vnets: [] };
  const publish = (): void => ctx.df.setCustomStatus(status);
  publish();

  let plan: RunPlan | undefined;
  let planningError: ReturnType<typeof describeTaskFailure> | undefined;
  try {
    plan = yield* callActivity(ctx, planNetworkRef, {
      config: input.config,
      rollback: {
        ...(input.vnetIds ? { vnetIds: input.vnetIds } : {}),
        tagValue: `rolled back by ${input.runId}`,
      },
    });
  } catch (error) {
    planningError = describeTaskFailure(error);
  }
  const summary = plan
    ? summarise(plan)
    : { steps: 0, vnets: 0, blockers: [], warnings: 0, manualActions: 0, ipv6Pool: '' };
  const steps = plan?.steps ?? [];
  // Indexed once per replay: the run replays on every wave's completion.
  const ownSteps = stepsByOwner(steps);
  const stepsOf = (vnetId: string): RunStep[] => ownSteps.get(vnetId.toLowerCase()) ?? [];
  status.plan = summary;
  status.vnets = (plan?.vnets ?? []).map((v): VnetSummary => ({
    vnetId: v.vnetId,
    role: v.role,
    state: stepsOf(v.vnetId).length === 0 ? 'noChanges' : 'pending',
    stepsTotal: stepsOf(v.vnetId).length,
    ...(v.ipv6Prefix ? { ipv6Prefix: v.ipv6Prefix } : {}),
  }));
  publish();

  function* reportSummary(outcome: RunOutcome, figures: Partial<RunSummaryInput> = {}) {
    return yield* callActivity(
      ctx,
      reportRunSummaryRef,
      runSummaryRow(input.runId, 'rollback', outcome, ctx.df.currentUtcDateTime, {
        spokesTotal: status.vnets.filter((v) => v.role === 'spoke').length,
        ...approvalColumns(status.approval),
        ...figures,
      }),
    );
  }
  function* concluded(
    outcome: RunOutcome,
    extra: Partial<MigrationResult> = {},
  ): Generator<Task, MigrationResult, unknown> {
    status.phase = 'done';
    publish();
    const report: ReportResult = yield* reportSummary(outcome);
    return runResult(input.runId, outcome, summary, status.vnets, {
      ...extra,
      lostReportRows: (extra.lostReportRows ?? 0) + report.lost,
    });
  }
  /** Level-triggered: each VNet that no longer carries its /56 gives it back. */
  function* release(vnetIds: Set<string>): Generator<Task, number, unknown> {
    let lost = 0;
    for (const v of plan?.vnets ?? []) {
      if (v.blocked || !v.ipv6Prefix || !vnetIds.has(v.vnetId.toLowerCase())) continue;
      const released = yield* callActivity(ctx, releaseReservationRef, {
        runId: input.runId,
        vnetId: v.vnetId,
        rolledBackPrefix: v.ipv6Prefix,
      });
      lost += released.report.lost;
    }
    return lost;
  }

  if (!plan)
    return yield* concluded('failed', {
      ...(planningError ? { errorCode: planningError.code } : {}),
      message: `planning failed: ${planningError?.message ?? 'no plan'}`,
    });
  if (plan.blockers.length > 0)
    return yield* concluded('blocked', { message: `${plan.blockers.length} blocker(s) in the plan` });
  if (input.dryRun) return yield* concluded('dryRun');
  const everyVnet = new Set(plan.vnets.map((v) => v.vnetId.toLowerCase()));
  if (steps.length === 0) {
    const lost = yield* release(everyVnet);
    return yield* concluded('noChanges', { lostReportRows: lost });
  }

  if (input.approval.required) {
    status.phase = 'awaitingApproval';
    publish();
  }
  status.approval = yield* approvalOf(ctx, input.approval);
  const refused = approvalRefusal(status.approval);
  if (refused) return yield* concluded(refused.outcome, { message: refused.message });

  status.phase = 'rollingBack';
  for (const v of status.vnets) if (v.state === 'pending') v.state = 'running';
  publish();
  const budget = Math.max(1, input.rollout.maxParallelWrites ?? DEFAULT_MAX_PARALLEL_WRITES);
  const outcomes: StepOutcome[] = [];
  const waves = dependencyWaves(steps);
  let stopped = false;
  for (const [w, wave] of waves.entries()) {
    const now = ctx.df.currentUtcDateTime.toISOString();
    if (stopped) {
      outcomes.push(...wave.map((step) => notStarted(step, now)));
      continue;
    }
    status.steps = {
      done: outcomes.length,
      total: steps.length,
      // Custom status is kept small (Azure caps it at 16 KB): the wave's first steps stand for it.
      running: wave.slice(0, 20).map((step) => step.id),
      failed: 0,
    };
    publish();
    const groups = groupsOf(wave, GROUP_SIZE);
    const maxParallel = Math.max(1, Math.floor(budget / groups.length));
    const running = groups.map((group, g) => ({
      group,
      task: subOrchestratorTask(
        ctx,
        stepGroupRef,
        { runId: input.runId, steps: group, retry, maxParallel },
        `${ctx.df.instanceId}-wave-${w}-${g}`,
      ),
    }));
    let pending = running.map((r) => r.task);
    while (pending.length > 0) {
      const done = yield* whenAny(ctx, pending);
      pending = pending.filter((t) => t !== done);
    }
    for (const { group, task } of running) {
      const got = childOutcomes(task, group, ctx.df.currentUtcDateTime.toISOString(), {
        code: 'GroupIncomplete',
        message: 'the step group ended without an outcome for this step',
      });
      outcomes.push(...got);
      if (got.some((o) => !stepSucceeded(o))) stopped = true;
    }
  }
  status.steps = {
    done: outcomes.filter((o) => stepSucceeded(o)).length,
    total: steps.length,
    running: [],
    failed: outcomes.filter((o) => o.outcome === 'failed').length,
  };

  const byStep = new Map(steps.map((s) => [s.id, s]));
  const groups = new Map<string, StepOutcome[]>();
  for (const o of outcomes) {
    const step = byStep.get(o.stepId);
    const vnetId = step?.vnetId ?? step?.vnetIds[0] ?? plan.hubVnetId;
    const list = groups.get(vnetId.toLowerCase());
    if (list) list.push(o);
    else groups.set(vnetId.toLowerCase(), [o]);
  }
  const clean = new Set(everyVnet);
  for (const v of status.vnets) {
    const mine = groups.get(v.vnetId.toLowerCase()) ?? [];
    const bad = mine.find((o) => !stepSucceeded(o));
    if (bad) clean.delete(v.vnetId.toLowerCase());
    if (mine.length === 0) continue;
    v.state = bad ? 'failed' : 'succeeded';
    const failed = mine.find((o) => o.outcome === 'failed');
    if (failed)
      v.failedStep = {
        stepId: failed.stepId,
        errorCode: failed.errorCode ?? 'Unknown',
        message: failed.message ?? '',
      };
  }
  // A shared route table or NSG that failed keeps every VNet it serves from giving back its /56.
  for (const o of outcomes)
    if (!stepSucceeded(o)) for (const v of byStep.get(o.stepId)?.vnetIds ?? []) clean.delete(v.toLowerCase());
  publish();

  let lost = 0;
  const vnetsByKey = new Map(plan.vnets.map((v) => [v.vnetId.toLowerCase(), v]));
  for (const [vnetId, list] of groups) {
    const vnet = vnetsByKey.get(vnetId);
    const report = yield* callActivity(ctx, reportOutcomesRef, {
      runId: input.runId,
      runKind: 'rollback',
      vnetId: vnet?.vnetId ?? vnetId,
      role: vnet?.role ?? (vnetId === plan.hubVnetId.toLowerCase() ? 'hub' : 'spoke'),
      outcomes: list,
    });
    lost += report.lost;
  }
  lost += yield* release(clean);

  const succeeded = outcomes.filter((o) => stepSucceeded(o)).length;
  const failed = outcomes.filter((o) => o.outcome === 'failed').length;
  const changes = outcomes.filter((o) => o.outcome === 'applied' || o.outcome === 'merged').length;
  const outcome: RunOutcome =
    succeeded === outcomes.length ? 'succeeded' : succeeded > 0 ? 'partiallyFailed' : 'failed';
  status.phase = 'done';
  publish();
  const summaryReport = yield* reportSummary(outcome, {
    stepsTotal: steps.length,
    stepsSucceeded: succeeded,
    stepsFailed: failed,
    stepsSkipped: outcomes.filter((o) => o.outcome === 'skipped').length,
    changes,
    lostRows: lost,
  });
  return runResult(input.runId, outcome, summary, status.vnets, {
    stepsSucceeded: succeeded,
    stepsFailed: failed,
    changes,
    lostReportRows: lost + summaryReport.lost,
  });
}
