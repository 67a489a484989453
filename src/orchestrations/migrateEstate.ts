import * as df from 'durable-functions';
import type { OrchestrationContext, Task } from 'durable-functions';
import { parentResourceId } from '../arm/resourceId';
import type { ApplyStepResult } from '../activities/applyStepContract';
import { syncPeeringRef } from '../activities/applyStepContract';
import type { VnetPlan } from '../planner/Plan';
import type { RunPlan, RunStep } from '../activities/RunPlan';
import { planNetworkRef } from '../activities/planNetworkContract';
import { reservePrefixesRef } from '../activities/reservePrefixesContract';
import { ensureHubDiagnosticsRef } from '../activities/ensureHubDiagnosticsContract';
import type { ReportResult, RunKind, RunSummaryInput } from '../activities/reportOutcomesContract';
import { reportOutcomesRef, reportRunSummaryRef } from '../activities/reportOutcomesContract';
import type { OrchestratorRef, TypedTask } from './durableTasks';
import { activityTaskWithRetry, awaitTask, callActivity, subOrchestratorTask, whenAny } from './durableTasks';
import type { RetryPolicy, StepOutcome } from './runSteps';
import { DEFAULT_RETRY, runSteps } from './runSteps';
import type { VnetResult } from './migrateVnet';
import { migrateVnetRef } from './migrateVnet';
import { vnetInstanceId } from './instanceIds';
import { describeTaskFailure } from './taskFailure';

export interface RolloutSettings {
  maxParallelSpokes: number;
  canarySpokes: number;
  /** stop starting new spokes once this many have failed */
  abortAfterFailures: number;
}

export interface MigrateEstateInput {
  runId: string;
  runKind: RunKind;
  config: unknown;
  onlyVnetIds?: string[];
  dryRun: boolean;
  approval: { required: boolean; timeoutMinutes: number };
  rollout: RolloutSettings;
  retry?: RetryPolicy;
}

export type RunOutcome =
  | 'succeeded'
  | 'partiallyFailed'
  | 'failed'
  | 'blocked'
  | 'rejected'
  | 'approvalTimedOut'
  | 'dryRun'
  | 'noChanges';

export interface PlanSummary {
  steps: number;
  vnets: number;
  blockers: RunPlan['blockers'];
  warnings: number;
  manualActions: number;
  ipv6Pool: string;
}

export interface VnetSummary {
  vnetId: string;
  role: VnetPlan['role'];
  state: 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped' | 'noChanges';
  stepsTotal: number;
  ipv6Prefix?: string;
  failedStep?: VnetResult['failedStep'];
}

export interface EstateStatus {
  phase:
    | 'planning'
    | 'awaitingApproval'
    | 'reserving'
    | 'migratingHub'
    | 'migratingCanaries'
    | 'migratingSpokes'
    | 'sharedResources'
    | 'done';
  plan?: PlanSummary;
  vnets: VnetSummary[];
}

export interface MigrationResult {
  runId: string;
  outcome: RunOutcome;
  plan: PlanSummary;
  vnets: VnetSummary[];
  sharedOutcomes: StepOutcome[];
  stepsSucceeded: number;
  stepsFailed: number;
  changes: number;
  lostReportRows: number;
  /** the code of the failure that stopped the run before any write */
  errorCode?: string;
  /** set when the hub's diagnostic settings could not be ensured */
  diagnosticsError?: string;
  message?: string;
}

export const migrateEstateRef: OrchestratorRef<MigrateEstateInput, MigrationResult> = {
  name: 'migrateEstate',
};

export const APPROVE_EVENT = 'approve';
/** errorCode of a run whose planned /56 was taken by another run between plan and reserve: plan again. */
export const RESERVATION_CONFLICT = 'ReservationConflict';
export const REJECT_EVENT = 'reject';

function summarise(plan: RunPlan): PlanSummary {
  return {
    steps: plan.steps.length,
    vnets: plan.vnets.length,
    blockers: plan.blockers,
    warnings: plan.warnings.length,
    manualActions: plan.manualActions.length,
    ipv6Pool: plan.ipv6Pool,
  };
}

/**
 * The whole run: plan, wait for a human, hub first, canaries, then the other
 * spokes through a sliding window of sub-orchestrations, then resources shared
 * between spokes. Nothing is written before approval, and a timeout or a reject
 * ends the run with nothing written.
 */
export function* migrateEstate(ctx: OrchestrationContext): Generator<Task, MigrationResult, unknown> {
  const input = ctx.df.getInput<MigrateEstateInput>();
  const retry = input.retry ?? DEFAULT_RETRY;
  const status: EstateStatus = { phase: 'planning', vnets: [] };
  const publish = (): void => ctx.df.setCustomStatus(status);
  publish();

  let plan: RunPlan;
  try {
    plan = yield* callActivity(ctx, planNetworkRef, {
      config: input.config,
      ...(input.onlyVnetIds ? { onlyVnetIds: input.onlyVnetIds } : {}),
    });
  } catch (error) {
    // Discovery failed (permissions, bad configuration): nothing was written, and
    // the run says why instead of failing as an orchestration.
    const failure = describeTaskFailure(error);
    const report = yield* reportSummary('failed');
    status.phase = 'done';
    publish();
    return {
      runId: input.runId,
      outcome: 'failed',
      plan: { steps: 0, vnets: 0, blockers: [], warnings: 0, manualActions: 0, ipv6Pool: '' },
      vnets: [],
      sharedOutcomes: [],
      stepsSucceeded: 0,
      stepsFailed: 0,
      changes: 0,
      lostReportRows: report.lost,
      errorCode: failure.code,
      message: `planning failed: ${failure.message}`,
    };
  }
  const summary = summarise(plan);
  // Hub-side peering syncs all write to the hub VNet, which Azure updates one
  // operation at a time; run them in one lane, in the order spokes finish, instead
  // of letting every spoke race for the hub and retry AnotherOperationInProgress.
  const hubKey = plan.hubVnetId.toLowerCase();
  const inHubLane = (s: RunStep): boolean =>
    s.kind === 'peeringSync' &&
    s.vnetId?.toLowerCase() !== hubKey &&
    parentResourceId(s.resourceId).toLowerCase() === hubKey;
  const stepsOf = (vnetId: string): RunStep[] =>
    plan.steps.filter((s) => s.vnetId === vnetId && !inHubLane(s));
  const laneStepsOf = (vnetId: string): RunStep[] =>
    plan.steps.filter((s) => s.vnetId === vnetId && inHubLane(s));
  const lane: {
    queue: RunStep[];
    running?: { step: RunStep; task: TypedTask<ApplyStepResult>; startedMs: number };
  } = {
    queue: [],
  };
  const laneOutcomes: StepOutcome[] = [];
  status.plan = summary;
  status.vnets = plan.vnets.map((v) => ({
    vnetId: v.vnetId,
    role: v.role,
    state: stepsOf(v.vnetId).length + laneStepsOf(v.vnetId).length === 0 ? 'noChanges' : 'pending',
    stepsTotal: stepsOf(v.vnetId).length + laneStepsOf(v.vnetId).length,
    ...(v.ipv6Prefix ? { ipv6Prefix: v.ipv6Prefix } : {}),
  }));
  publish();

  const result = (outcome: RunOutcome, extra: Partial<MigrationResult> = {}): MigrationResult => ({
    runId: input.runId,
    outcome,
    plan: summary,
    vnets: status.vnets,
    sharedOutcomes: [],
    stepsSucceeded: 0,
    stepsFailed: 0,
    changes: 0,
    lostReportRows: 0,
    ...extra,
  });
  /** Every run ends with one summary row, including those that wrote nothing. */
  function* concluded(
    outcome: RunOutcome,
    extra: Partial<MigrationResult> = {},
  ): Generator<Task, MigrationResult, unknown> {
    status.phase = 'done';
    publish();
    const report = yield* reportSummary(outcome, {
      stepsTotal: outcome === 'dryRun' ? plan.steps.length : 0,
    });
    return result(outcome, { ...extra, lostReportRows: report.lost });
  }
  if (plan.blockers.length > 0)
    return yield* concluded('blocked', { message: `${plan.blockers.length} blocker(s) in the plan` });
  if (input.dryRun) return yield* concluded('dryRun');
  if (plan.steps.length === 0) return yield* concluded('noChanges');

  if (input.approval.required) {
    status.phase = 'awaitingApproval';
    publish();
    const deadline = new Date(ctx.df.currentUtcDateTime.getTime() + input.approval.timeoutMinutes * 60_000);
    const timer = ctx.df.createTimer(deadline);
    const approve = ctx.df.waitForExternalEvent(APPROVE_EVENT);
    const reject = ctx.df.waitForExternalEvent(REJECT_EVENT);
    const winner = yield* whenAny<unknown>(ctx, [approve, reject, timer]);
    if (winner !== timer) timer.cancel();
    if (winner === reject)
      return yield* concluded('rejected', { message: 'rejected by a reviewer; nothing was written' });
    if (winner === timer)
      return yield* concluded('approvalTimedOut', { message: 'no approval in time; nothing was written' });
  }

  if (plan.reservations.length > 0) {
    status.phase = 'reserving';
    publish();
    const held = yield* callActivity(ctx, reservePrefixesRef, {
      runId: input.runId,
      reservations: plan.reservations,
    });
    if (held.conflicts.length > 0) {
      return yield* concluded('failed', {
        errorCode: RESERVATION_CONFLICT,
        message: `prefix reservations were taken by another run (${held.conflicts.map((c) => c.vnetId).join(', ')}); plan again`,
      });
    }
  }

  const byVnet = new Map(status.vnets.map((v) => [v.vnetId.toLowerCase(), v]));
  const results: VnetResult[] = [];
  const startVnet = (vnet: VnetPlan): TypedTask<VnetResult> => {
    const entry = byVnet.get(vnet.vnetId.toLowerCase());
    if (entry) entry.state = 'running';
    return subOrchestratorTask(
      ctx,
      migrateVnetRef,
      { runId: input.runId, runKind: input.runKind, vnet, steps: stepsOf(vnet.vnetId), retry },
      vnetInstanceId(input.runId, vnet.vnetId),
    );
  };
  const record = (r: VnetResult): void => {
    results.push(r);
    if (r.state !== 'failed') lane.queue.push(...laneStepsOf(r.vnetId));
    const entry = byVnet.get(r.vnetId.toLowerCase());
    if (entry) {
      entry.state = r.state;
      if (r.failedStep) entry.failedStep = r.failedStep;
    }
    publish();
  };

  // The guide's hub sends its diagnostics to Azure Monitor; after approval, because it writes.
  let diagnosticsError: string | undefined;
  try {
    yield* callActivity(ctx, ensureHubDiagnosticsRef, { hubVnetId: plan.hubVnetId });
  } catch (error) {
    // Missing diagnostics don't put IPv4 or IPv6 traffic at risk: say so and carry on.
    diagnosticsError = describeTaskFailure(error).code;
  }

  const hub = plan.vnets.find((v) => v.role === 'hub');
  if (hub && stepsOf(hub.vnetId).length > 0) {
    status.phase = 'migratingHub';
    publish();
    const hubResult = yield* awaitTask(startVnet(hub));
    record(hubResult);
    if (hubResult.state === 'failed') return yield* finish();
  }

  const spokes = plan.vnets.filter((v) => v.role === 'spoke' && stepsOf(v.vnetId).length > 0);
  const canaries = spokes.slice(0, Math.max(0, input.rollout.canarySpokes));
  status.phase = 'migratingCanaries';
  yield* runWindow(canaries);
  if (!status.vnets.some((v) => v.role === 'spoke' && v.state === 'failed')) {
    status.phase = 'migratingSpokes';
    yield* runWindow(spokes.slice(canaries.length));
  }
  for (const v of status.vnets) if (v.state === 'pending' && v.stepsTotal > 0) v.state = 'skipped';

  return yield* finishShared();

  function* runWindow(vnets: VnetPlan[]): Generator<Task, void, unknown> {
    publish();
    const queue = [...vnets];
    const running: TypedTask<VnetResult>[] = [];
    const failures = (): number => status.vnets.filter((v) => v.state === 'failed').length;
    for (;;) {
      while (running.length < Math.max(1, input.rollout.maxParallelSpokes) && queue.length > 0) {
        if (failures() >= input.rollout.abortAfterFailures) {
          queue.length = 0;
          break;
        }
        const next = queue.shift();
        if (next) running.push(startVnet(next));
      }
      startLane();
      publish();
      const laneTask = lane.running?.task;
      if (running.length === 0 && !laneTask) return;
      const done = yield* whenAny<unknown>(ctx, laneTask ? [...running, laneTask] : running);
      if (done === laneTask) {
        finishLane();
        continue;
      }
      running.splice(running.indexOf(done as TypedTask<VnetResult>), 1);
      record(done.result as VnetResult);
    }
  }

  function startLane(): void {
    if (lane.running) return;
    const step = lane.queue.shift();
    if (!step) return;
    const retryOptions = new df.RetryOptions(retry.firstDelayMs, retry.maxAttempts);
    retryOptions.backoffCoefficient = retry.backoffCoefficient;
    retryOptions.maxRetryIntervalInMilliseconds = retry.maxDelayMs;
    lane.running = {
      step,
      task: activityTaskWithRetry(ctx, syncPeeringRef, retryOptions, { runId: input.runId, step }),
      startedMs: ctx.df.currentUtcDateTime.getTime(),
    };
  }

  function finishLane(): void {
    const running = lane.running;
    if (!running) return;
    lane.running = undefined;
    const { step, task } = running;
    const base = {
      stepId: step.id,
      resourceId: step.resourceId,
      kind: step.kind,
      ipv6Prefixes: step.ipv6Prefixes,
      attempts: 1,
      durationMs: ctx.df.currentUtcDateTime.getTime() - running.startedMs,
      finishedAt: ctx.df.currentUtcDateTime.toISOString(),
    };
    if (!task.isFaulted) {
      laneOutcomes.push({ ...base, outcome: (task.result as ApplyStepResult).outcome });
      return;
    }
    const failure = describeTaskFailure(task.result);
    laneOutcomes.push({ ...base, outcome: 'failed', errorCode: failure.code, message: failure.message });
    const entry = step.vnetId ? byVnet.get(step.vnetId.toLowerCase()) : undefined;
    if (entry) {
      entry.state = 'failed';
      entry.failedStep = { stepId: step.id, errorCode: failure.code, message: failure.message };
    }
  }

  function* finishShared(): Generator<Task, MigrationResult, unknown> {
    const finished = new Set([
      ...results.filter((r) => r.state !== 'failed').flatMap((r) => r.outcomes.map((o) => o.stepId)),
      ...laneOutcomes.filter((o) => o.outcome !== 'failed').map((o) => o.stepId),
    ]);
    const vnetStepIds = new Set(plan.steps.filter((s) => s.vnetId !== undefined).map((s) => s.id));
    // A shared route table or NSG runs only once every VNet it serves has its IPv6 space.
    const shared = plan.steps.filter(
      (s) => s.vnetId === undefined && s.dependsOn.every((d) => !vnetStepIds.has(d) || finished.has(d)),
    );
    let sharedOutcomes: StepOutcome[] = [];
    if (shared.length > 0) {
      status.phase = 'sharedResources';
      publish();
      sharedOutcomes = yield* runSteps(ctx, input.runId, shared, retry);
    }
    return yield* finish(sharedOutcomes);
  }

  /** The run's one summary row; figures it doesn't give are zero. */
  function* reportSummary(
    outcome: RunOutcome,
    figures: Partial<RunSummaryInput> = {},
  ): Generator<Task, ReportResult, unknown> {
    return yield* callActivity(ctx, reportRunSummaryRef, {
      runId: input.runId,
      runKind: input.runKind,
      outcome,
      stepsTotal: 0,
      stepsSucceeded: 0,
      stepsFailed: 0,
      changes: 0,
      lostRows: 0,
      finishedAt: ctx.df.currentUtcDateTime.toISOString(),
      ...spokeCounts(),
      ...figures,
    });
  }

  function spokeCounts(): {
    spokesTotal: number;
    spokesDualStack: number;
    spokesPending: number;
    spokesFailed: number;
  } {
    const spokes = status.vnets.filter((v) => v.role === 'spoke');
    return {
      spokesTotal: spokes.length,
      spokesDualStack: spokes.filter((v) => v.state === 'succeeded' || v.state === 'noChanges').length,
      spokesPending: spokes.filter((v) => v.state === 'pending' || v.state === 'skipped').length,
      spokesFailed: spokes.filter((v) => v.state === 'failed').length,
    };
  }

  function* finish(sharedOutcomes: StepOutcome[] = []): Generator<Task, MigrationResult, unknown> {
    status.phase = 'done';
    const all = [...results.flatMap((r) => r.outcomes), ...laneOutcomes, ...sharedOutcomes];
    const succeeded = all.filter(
      (o) => o.outcome === 'applied' || o.outcome === 'merged' || o.outcome === 'unchanged',
    );
    const failed = all.filter((o) => o.outcome === 'failed').length;
    const failedVnets = status.vnets.filter((v) => v.state === 'failed').length;
    const skipped = status.vnets.filter((v) => v.state === 'skipped').length;
    const outcome: RunOutcome =
      failedVnets === 0 && failed === 0 && skipped === 0
        ? 'succeeded'
        : results.some((r) => r.state === 'succeeded')
          ? 'partiallyFailed'
          : 'failed';
    const changes = all.filter((o) => o.outcome === 'applied' || o.outcome === 'merged').length;
    let lost = results.reduce((n, r) => n + r.report.lost, 0);
    // Rows for steps the parent ran itself: hub-lane syncs under the hub, shared
    // resources under the first VNet they serve.
    const byStep = new Map(plan.steps.map((s) => [s.id, s]));
    const groups = new Map<string, StepOutcome[]>();
    if (laneOutcomes.length > 0) groups.set(plan.hubVnetId, laneOutcomes);
    for (const o of sharedOutcomes) {
      const vnetId = byStep.get(o.stepId)?.vnetIds[0] ?? plan.hubVnetId;
      groups.set(vnetId, [...(groups.get(vnetId) ?? []), o]);
    }
    for (const [vnetId, outcomes] of groups) {
      const report = yield* callActivity(ctx, reportOutcomesRef, {
        runId: input.runId,
        runKind: input.runKind,
        vnetId,
        role: vnetId === plan.hubVnetId ? 'hub' : 'spoke',
        outcomes,
      });
      lost += report.lost;
    }
    const summaryReport = yield* reportSummary(outcome, {
      stepsTotal: plan.steps.length,
      stepsSucceeded: succeeded.length,
      stepsFailed: failed,
      changes,
      lostRows: lost,
      stepsSkipped: all.filter((o) => o.outcome === 'skipped').length,
    });
    lost += summaryReport.lost;
    publish();
    return result(outcome, {
      ...(diagnosticsError ? { diagnosticsError } : {}),
      sharedOutcomes,
      stepsSucceeded: succeeded.length,
      stepsFailed: failed,
      changes,
      lostReportRows: lost,
    });
  }
}
