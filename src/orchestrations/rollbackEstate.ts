import type { OrchestrationContext, Task } from 'durable-functions';
import type { RollbackDigest } from '../activities/rollbackStoreContract';
import { storeRollbackPlanRef } from '../activities/rollbackStoreContract';
import type { ReportResult, RunSummaryInput } from '../activities/reportOutcomesContract';
import { reportRunSummaryRef } from '../activities/reportOutcomesContract';
import type { ApprovalRecord } from './awaitApproval';
import { approvalColumns, approvalOf, approvalRefusal } from './awaitApproval';
import type { OrchestratorRef } from './durableTasks';
import { callActivity, subOrchestratorTask, whenAll, whenSettled } from './durableTasks';
import { releaseGroupRef } from './releaseGroup';
import type {
  EstateStatus,
  MigrationResult,
  RolloutSettings,
  RunOutcome,
  VnetSummary,
} from './migrateEstate';
import { DEFAULT_MAX_PARALLEL_WRITES } from './migrateEstate';
import type { RetryPolicy } from './runSteps';
import { DEFAULT_RETRY } from './runSteps';
import type { RollbackGroupResult, VnetTally } from './rollbackGroup';
import { rollbackGroupRef } from './rollbackGroup';
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
  /** step groups each execution starts before continuing as new (default GROUPS_PER_EXECUTION) */
  groupsPerExecution?: number;
  /** set by the run itself when it continues as new: where the previous execution stopped */
  continuation?: RollbackContinuation;
}

/** How a VNet's steps went so far. */
interface VnetProgress {
  /** a step of it did not succeed */
  bad: boolean;
  failedStep?: VnetTally['failedStep'];
}

/** What an execution hands the next: the digest, the decision and the tallies so far, never steps. */
export interface RollbackContinuation {
  digest: RollbackDigest;
  approval: ApprovalRecord;
  /** the wave the next execution starts at */
  wave: number;
  stopped: boolean;
  brokenGroup?: string;
  totals: Totals;
  /** lower-cased VNet id -> its progress, for every VNet a group reported on */
  progress: [string, VnetProgress][];
  unsettled: string[];
}

interface Totals {
  succeeded: number;
  failed: number;
  skipped: number;
  changes: number;
  lost: number;
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
 * Step groups an execution starts before it continues as new (at a wave's end): each group
 * adds a few events, so a thousand-spoke rollback's history would otherwise grow with it.
 */
const GROUPS_PER_EXECUTION = 100;

/** VNets per releaseGroup sub-orchestration. */
const RELEASES_PER_GROUP = 100;

/**
 * Takes Dualstack's IPv6 back out, the way a migration put it in: plan (nothing written), wait
 * for a reviewer, then the steps in dependency order (routes and rules, NICs, load balancers,
 * VNets with spokes before the hub, peering syncs), each one a read-merge-write that leaves IPv4
 * exactly as it is. A VNet whose every step succeeded gives its /56 back. One row per step and a
 * summary row go to Azure Monitor as for any run, with RunKind `rollback`.
 *
 * The order runs across VNets (spoke routes before the hub's NVA frontend), so the steps go in
 * dependency waves (dependencyWaves), each wave as step groups of one or more VNets in parallel
 * within the run's write budget. The groups are stored once (storeRollbackPlan) and each
 * rollbackGroup loads its own and answers with tallies, so this history holds neither steps nor
 * outcomes however large the estate. A step that fails stops every later wave, which is what
 * someone backing out a change wants; a second rollback converges.
 */
export function* rollbackEstate(ctx: OrchestrationContext): Generator<Task, MigrationResult, unknown> {
  const input = ctx.df.getInput<RollbackEstateInput>();
  const retry = input.retry ?? DEFAULT_RETRY;
  const status: EstateStatus = { phase: 'planning', vnets: [] };
  const publish = (): void => ctx.df.setCustomStatus(status);
  publish();

  const carried = input.continuation;
  let digest: RollbackDigest | undefined = carried?.digest;
  let planningError: ReturnType<typeof describeTaskFailure> | undefined;
  if (!carried)
    try {
      // The plan is stored as step groups (storeRollbackPlan): the history carries its digest.
      digest = yield* callActivity(ctx, storeRollbackPlanRef, {
        runId: input.runId,
        config: input.config,
        rollback: {
          ...(input.vnetIds ? { vnetIds: input.vnetIds } : {}),
          tagValue: `rolled back by ${input.runId}`,
        },
        groupSize: GROUP_SIZE,
      });
    } catch (error) {
      planningError = describeTaskFailure(error);
    }
  const summary = digest?.summary ?? {
    steps: 0,
    vnets: 0,
    blockers: [],
    warnings: 0,
    manualActions: 0,
    ipv6Pool: '',
  };
  status.plan = summary;
  status.vnets = (digest?.vnets ?? []).map((v): VnetSummary => ({
    vnetId: v.vnetId,
    role: v.role,
    state: v.steps === 0 ? 'noChanges' : 'pending',
    stepsTotal: v.steps,
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
  /** Level-triggered: each VNet that no longer carries its /56 gives it back, RELEASES_PER_GROUP per child. */
  function* release(vnetIds: Set<string>): Generator<Task, number, unknown> {
    const due = (digest?.vnets ?? []).flatMap((v) =>
      !v.blocked && v.ipv6Prefix && vnetIds.has(v.vnetId.toLowerCase())
        ? [{ vnetId: v.vnetId, rolledBackPrefix: v.ipv6Prefix }]
        : [],
    );
    const groups = Array.from({ length: Math.ceil(due.length / RELEASES_PER_GROUP) }, (_, i) =>
      subOrchestratorTask(
        ctx,
        releaseGroupRef,
        { runId: input.runId, releases: due.slice(i * RELEASES_PER_GROUP, (i + 1) * RELEASES_PER_GROUP) },
        `${ctx.df.instanceId}-release-${i}`,
      ),
    );
    const released = yield* whenAll(ctx, groups);
    kept.push(...released.flatMap((r) => r.kept));
    return released.reduce((sum, r) => sum + r.lost, 0);
  }
  /** VNets whose /56 could not be given back (a later rollback releases it) */
  const kept: string[] = [];
  const keptNote = (): Partial<MigrationResult> =>
    kept.length > 0
      ? {
          message: `${kept.length} VNet(s) still hold their /56 because the release failed (a rollback run again gives it back): ${kept.join(', ')}`,
        }
      : {};

  if (!digest)
    return yield* concluded('failed', {
      ...(planningError ? { errorCode: planningError.code } : {}),
      message: `planning failed: ${planningError?.message ?? 'no plan'}`,
    });
  if (digest.blockers > 0)
    return yield* concluded('blocked', { message: `${digest.blockers} blocker(s) in the plan` });
  if (input.dryRun) return yield* concluded('dryRun');
  const everyVnet = new Set(digest.vnets.map((v) => v.vnetId.toLowerCase()));
  if (digest.steps === 0) {
    const lost = yield* release(everyVnet);
    return yield* concluded('noChanges', { lostReportRows: lost, ...keptNote() });
  }

  if (carried) status.approval = carried.approval;
  else {
    status.approval = yield* approvalOf(ctx, input.approval, () => {
      status.phase = 'awaitingApproval';
      publish();
    });
    const refused = approvalRefusal(status.approval);
    if (refused) return yield* concluded(refused.outcome, { message: refused.message });
  }

  status.phase = 'rollingBack';
  for (const v of status.vnets) if (v.state === 'pending') v.state = 'running';
  publish();
  const budget = Math.max(1, input.rollout.maxParallelWrites ?? DEFAULT_MAX_PARALLEL_WRITES);
  // A copy: the input must read the same on every replay.
  const totals: Totals = {
    ...(carried?.totals ?? { succeeded: 0, failed: 0, skipped: 0, changes: 0, lost: 0 }),
  };
  const progress = new Map<string, VnetProgress>(carried?.progress ?? []);
  const unsettled = new Set<string>(carried?.unsettled);
  /** a step group that broke itself: which VNets it held is unknown, so none gives its /56 back */
  let brokenGroup: string | undefined = carried?.brokenGroup;
  let stopped = carried?.stopped ?? false;
  let groupsStarted = 0;
  for (let w = carried?.wave ?? 0; w < digest.waves.length; w++) {
    const groupCount = digest.waves[w] ?? 0;
    if (groupsStarted >= Math.max(1, input.groupsPerExecution ?? GROUPS_PER_EXECUTION)) {
      const continuation: RollbackContinuation = {
        digest,
        approval: status.approval,
        wave: w,
        stopped,
        ...(brokenGroup ? { brokenGroup } : {}),
        totals,
        progress: [...progress],
        unsettled: [...unsettled],
      };
      ctx.df.continueAsNew({ ...input, continuation });
      return runResult(input.runId, 'succeeded', summary, status.vnets);
    }
    groupsStarted += groupCount;
    status.steps = {
      done: totals.succeeded + totals.failed + totals.skipped,
      total: digest.steps,
      running: [],
      failed: totals.failed,
    };
    publish();
    const maxParallel = Math.max(1, Math.floor(budget / Math.max(1, groupCount)));
    const running = Array.from({ length: groupCount }, (_, g) =>
      subOrchestratorTask(
        ctx,
        rollbackGroupRef,
        {
          runId: input.runId,
          plan: digest.plan,
          wave: w,
          group: g,
          hubVnetId: digest.hubVnetId,
          retry,
          maxParallel,
          skip: stopped,
        },
        `${ctx.df.instanceId}-wave-${w}-${g}`,
      ),
    );
    yield* whenSettled(ctx, running);
    for (const [g, task] of running.entries()) {
      if (task.isFaulted) {
        brokenGroup ??= `${describeTaskFailure(task.result).message} (wave ${w}, group ${g})`;
        stopped = true;
        continue;
      }
      const got = task.result as RollbackGroupResult;
      totals.lost += got.lost;
      for (const v of got.unsettledVnets) unsettled.add(v);
      for (const t of got.vnets) {
        totals.succeeded += t.succeeded;
        totals.failed += t.failed;
        totals.skipped += t.skipped;
        totals.changes += t.changes;
        if (t.failed + t.skipped > 0) stopped = true;
        const key = t.vnetId.toLowerCase();
        const was = progress.get(key);
        const bad = (was?.bad ?? false) || t.failed + t.skipped > 0;
        const failedStep = was?.failedStep ?? t.failedStep;
        progress.set(key, { bad, ...(failedStep ? { failedStep } : {}) });
      }
    }
  }
  const ran = totals.succeeded + totals.failed + totals.skipped;
  status.steps = { done: totals.succeeded, total: digest.steps, running: [], failed: totals.failed };

  const clean = brokenGroup ? new Set<string>() : new Set(everyVnet);
  for (const v of status.vnets) {
    const mine = progress.get(v.vnetId.toLowerCase());
    if (!mine) continue;
    if (mine.bad) clean.delete(v.vnetId.toLowerCase());
    v.state = mine.bad ? 'failed' : 'succeeded';
    if (mine.failedStep) v.failedStep = mine.failedStep;
  }
  // A shared route table or NSG that failed keeps every VNet it serves from giving back its /56.
  for (const v of unsettled) clean.delete(v);
  publish();

  const lost = totals.lost + (yield* release(clean));
  // Steps of a broken group never reported an outcome: they count as failed.
  const failed = totals.failed + (digest.steps - ran);
  const outcome: RunOutcome =
    totals.succeeded === digest.steps ? 'succeeded' : totals.succeeded > 0 ? 'partiallyFailed' : 'failed';
  status.phase = 'done';
  publish();
  const summaryReport = yield* reportSummary(outcome, {
    stepsTotal: digest.steps,
    stepsSucceeded: totals.succeeded,
    stepsFailed: failed,
    stepsSkipped: totals.skipped,
    changes: totals.changes,
    lostRows: lost,
  });
  return runResult(input.runId, outcome, summary, status.vnets, {
    stepsSucceeded: totals.succeeded,
    stepsFailed: failed,
    changes: totals.changes,
    lostReportRows: lost + summaryReport.lost,
    ...(brokenGroup ? { message: `a step group broke: ${brokenGroup}` } : keptNote()),
  });
}
