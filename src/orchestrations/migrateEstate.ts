import type { OrchestrationContext, Task } from 'durable-functions';
import type { VnetPlan } from '../planner/Plan';
import type { RunPlan, RunStep } from '../activities/RunPlan';
import { isHubSideStep } from '../activities/RunPlan';
import type { PlanDigest, RunPiece } from '../activities/runStoreContract';
import { loadRunPieceRef, recordRunVnetsRef, storeRunPlanRef } from '../activities/runStoreContract';
import { reservePrefixesRef } from '../activities/reservePrefixesContract';
import { ensureHubDiagnosticsRef } from '../activities/ensureHubDiagnosticsContract';
import type { ReportResult, RunKind, RunSummaryInput } from '../activities/reportOutcomesContract';
import { reportOutcomesRef, reportRunSummaryRef } from '../activities/reportOutcomesContract';
import type { OrchestratorRef, TypedTask } from './durableTasks';
import { awaitTask, callActivity, subOrchestratorTask, whenAny } from './durableTasks';
import type { RetryPolicy, StepOutcome, StepProgress } from './runSteps';
import { DEFAULT_RETRY, notStarted, stepSucceeded } from './runSteps';
import { childOutcomes } from './childOutcomes';
import type { VnetResult } from './migrateVnet';
import type { MigrateVnetInput } from './migrateVnet';
import { migrateVnetRef } from './migrateVnet';
import { hubLaneRef } from './hubLane';
import { splitAddressSpace } from './splitAddressSpace';
import { canariesOf } from './canariesOf';
import { stepGroupRef } from './stepGroup';
import { addressSpaceInstanceId, vnetInstanceId } from './instanceIds';
import { describeTaskFailure } from './taskFailure';
import type { ApprovalRecord } from './awaitApproval';
import { approvalColumns, approvalOf, approvalRefusal } from './awaitApproval';
import { runResult, runSummaryRow } from './runResult';
import type { VnetCounts } from './boundedStatus';
import { boundedStatus, countVnets } from './boundedStatus';
import { initialVnetSummaries } from './initialVnetSummaries';

export interface RolloutSettings {
  maxParallelSpokes: number;
  canarySpokes: number;
  /** the spokes that go first, in this order; when given, they are the canaries whatever canarySpokes says */
  canaryVnetIds?: string[];
  /** stop starting new spokes once this many have failed */
  abortAfterFailures: number;
  /**
   * ARM writes the run keeps in flight at once, shared out between the spokes in
   * the window (one is kept for the hub lane). Keep it at or under host.json's
   * maxConcurrentActivityFunctions so that no write waits for a worker slot.
   */
  maxParallelWrites?: number;
}

/**
 * ARM refills a principal's writes at 10 a second; a network write takes 5–10 s,
 * so 20 in flight is 2–4 writes a second, well inside it, and (measured) enough
 * to finish every spoke's bulk while the hub lane works through its syncs.
 */
export const DEFAULT_MAX_PARALLEL_WRITES = 20;

export interface MigrateEstateInput {
  runId: string;
  runKind: RunKind;
  config: unknown;
  onlyVnetIds?: string[];
  dryRun: boolean;
  approval: { required: boolean; timeoutMinutes: number };
  rollout: RolloutSettings;
  retry?: RetryPolicy;
  /** spokes (after the canaries) one execution migrates before it continues as new; default SPOKES_PER_EXECUTION */
  spokesPerExecution?: number;
  /** set by the run itself when it continues as new: where the previous execution left off */
  continuation?: RunContinuation;
}

/**
 * Spokes one execution of the run migrates before it continues as new. Each
 * spoke adds a few sub-orchestration events (with their inputs and results) to
 * the run's history, which the parent replays on every child's completion; in
 * pieces of this many, and with the plan stored outside the history (each
 * execution loads its piece), no history grows with the estate.
 */
export const SPOKES_PER_EXECUTION = 100;

/** What every step outcome so far adds up to (earlier executions' included). */
export interface RunTally {
  stepsSucceeded: number;
  stepsFailed: number;
  stepsSkipped: number;
  changes: number;
  lostReportRows: number;
  /** some VNet finished migrated (partiallyFailed rather than failed when others did not) */
  anyVnetSucceeded: boolean;
}

/**
 * A run that continues as new carries only this: where its stored plan is, the
 * piece to migrate next, and the figures so far (earlier VNets are in the run store).
 */
export interface RunContinuation {
  digest: PlanDigest;
  piece: number;
  /** the states of the VNets of earlier pieces, counted (the spokes apart) */
  vnetCounts: VnetCounts;
  spokeCounts: VnetCounts;
  tally: RunTally;
  sharedOutcomes: StepOutcome[];
  laneBatches: number;
  sharedGroups: number;
  diagnosticsError?: string;
  approval?: ApprovalRecord;
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
  /** blockers past the ones a status shows */
  blockersOmitted?: number;
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
  /** the VNet had ipv6Prefix before the run (the run added only what hangs off it) */
  ipv6Existing?: true;
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
    | 'rollingBack'
    | 'done';
  plan?: PlanSummary;
  vnets: VnetSummary[];
  /** runs that run every step in one graph (rollbacks): how far it has got */
  steps?: StepProgress;
  /** who approved or rejected the run, or that it needed no approval; absent before the decision */
  approval?: ApprovalRecord;
  /** every VNet of the run by state (the listed ones and those of earlier executions) */
  vnetCounts?: VnetCounts;
  /** VNets not listed in `vnets` (see boundedStatus); the run store has them all */
  vnetsOmitted?: number;
  /** the run migrates its spokes in pieces, one execution each: which one is running */
  piece?: { index: number; of: number };
}

export interface MigrationResult {
  runId: string;
  outcome: RunOutcome;
  plan: PlanSummary;
  /**
   * Every VNet, when the run took one execution; a run in several pieces lists its last
   * piece's here and sets `vnetsStored`: the run store has every VNet (RunStore.recordedVnets).
   */
  vnets: VnetSummary[];
  vnetsStored?: true;
  vnetCounts?: VnetCounts;
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

export { APPROVE_EVENT, REJECT_EVENT } from './awaitApproval';
/** errorCode of a run whose planned /56 was taken by another run between plan and reserve: plan again. */
export const RESERVATION_CONFLICT = 'ReservationConflict';

export function summarise(plan: RunPlan): PlanSummary {
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
  const carried = input.continuation;
  /** VNets of earlier executions are only counted here; the run store has them */
  const earlier = carried?.vnetCounts;
  const vnetCounts = (): VnetCounts => countVnets(status.vnets, earlier);
  const publish = (): void => ctx.df.setCustomStatus(boundedStatus(status, vnetCounts()));
  publish();

  const piece = Math.max(1, input.spokesPerExecution ?? SPOKES_PER_EXECUTION);
  let digest: PlanDigest;
  let plan: RunPiece;
  /** the plan's spokes, once it is known (the summary row counts them) */
  let spokesInPlan = 0;
  try {
    // The plan is stored once (storeRunPlan) and each execution loads its own piece:
    // the history carries a reference, never the plan.
    digest =
      carried?.digest ??
      (yield* callActivity(ctx, storeRunPlanRef, {
        runId: input.runId,
        config: input.config,
        ...(input.onlyVnetIds ? { onlyVnetIds: input.onlyVnetIds } : {}),
        rollout: {
          canarySpokes: input.rollout.canarySpokes,
          ...(input.rollout.canaryVnetIds ? { canaryVnetIds: input.rollout.canaryVnetIds } : {}),
        },
        spokesPerExecution: piece,
      }));
    plan = yield* callActivity(ctx, loadRunPieceRef, { plan: digest.plan, piece: carried?.piece ?? 0 });
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
  const summary = digest.summary;
  spokesInPlan = digest.spokes;
  // Hub-side peering syncs all write to the hub VNet, which Azure updates one
  // operation at a time: they go through one lane (see hubLane), fed as soon as
  // each spoke's address space lands, instead of every spoke racing for the hub.
  // Indexed once per replay: the parent replays on every child's completion.
  const ownSteps = new Map<string, RunStep[]>();
  const hubSideSteps = new Map<string, RunStep[]>();
  for (const s of plan.steps) {
    if (s.vnetId === undefined) continue;
    const index = isHubSideStep(s, plan.hubVnetId) ? hubSideSteps : ownSteps;
    const list = index.get(s.vnetId);
    if (list) list.push(s);
    else index.set(s.vnetId, [s]);
  }
  const stepsOf = (vnetId: string): RunStep[] => ownSteps.get(vnetId) ?? [];
  const laneStepsOf = (vnetId: string): RunStep[] => hubSideSteps.get(vnetId) ?? [];
  const planStepIds = new Set(plan.steps.map((s) => s.id));
  // A dependency outside this piece needs nothing: loadRunPiece kept only steps whose
  // earlier pieces' VNets finished migrated, and a dependency on no step of the plan is none.
  const depDone = (d: string): boolean => finishedSteps.has(d) || !planStepIds.has(d);
  const lane: {
    queue: RunStep[];
    queued: Set<string>;
    batches: number;
    running?: { steps: RunStep[]; task: TypedTask<StepOutcome[]> };
  } = { queue: [], queued: new Set(), batches: carried?.laneBatches ?? 0 };
  const laneOutcomes: StepOutcome[] = [];
  /** steps of spokes whose address space failed: never started, reported by the parent */
  const unstarted: StepOutcome[] = [];
  const sharedSteps = plan.steps.filter((s) => s.vnetId === undefined);
  const shared: {
    started: Set<string>;
    groups: number;
    running: { steps: RunStep[]; task: TypedTask<StepOutcome[]> }[];
    outcomes: StepOutcome[];
  } = { started: new Set(), groups: carried?.sharedGroups ?? 0, running: [], outcomes: [] };
  /** steps of this piece that ended applied, merged or unchanged, in any VNet */
  const finishedSteps = new Set<string>();
  status.plan = summary;
  status.vnets = initialVnetSummaries(plan);
  if (plan.pieces > 1) status.piece = { index: plan.piece, of: plan.pieces };
  if (carried?.approval) status.approval = carried.approval;
  publish();

  const result = (outcome: RunOutcome, extra: Partial<MigrationResult> = {}): MigrationResult =>
    runResult(input.runId, outcome, summary, status.vnets, {
      vnetCounts: vnetCounts(),
      ...(plan.pieces > 1 ? { vnetsStored: true as const } : {}),
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
      stepsTotal: outcome === 'dryRun' ? summary.steps : 0,
    });
    return result(outcome, { ...extra, lostReportRows: report.lost });
  }
  // A continuation starts where the previous execution stopped: approved, reserved, the hub done.
  if (!carried) {
    if (summary.blockers.length > 0)
      return yield* concluded('blocked', { message: `${summary.blockers.length} blocker(s) in the plan` });
    if (input.dryRun) return yield* concluded('dryRun');
    if (summary.steps === 0) return yield* concluded('noChanges');

    status.approval = yield* approvalOf(ctx, input.approval, () => {
      status.phase = 'awaitingApproval';
      publish();
    });
    const refused = approvalRefusal(status.approval);
    if (refused) return yield* concluded(refused.outcome, { message: refused.message });

    if (digest.reservations > 0) {
      status.phase = 'reserving';
      publish();
      const held = yield* callActivity(ctx, reservePrefixesRef, {
        runId: input.runId,
        plan: digest.plan,
      });
      if (held.conflicts.length > 0) {
        return yield* concluded('failed', {
          errorCode: RESERVATION_CONFLICT,
          message: `prefix reservations were taken by another run (${held.conflicts.map((c) => c.vnetId).join(', ')}); plan again`,
        });
      }
    }
  }

  const byVnet = new Map(status.vnets.map((v) => [v.vnetId.toLowerCase(), v]));
  const failures = (): number => vnetCounts().failed;
  const results: VnetResult[] = [];
  const spokes = plan.vnets.filter((v) => v.role === 'spoke' && stepsOf(v.vnetId).length > 0);
  const spokeCount = spokes.length;
  interface Flight {
    vnet: VnetPlan;
    /** undefined while the flight waits for write budget */
    task?: TypedTask<VnetResult>;
    /** running (or waiting to run) its bulk: everything but the address space */
    bulk: boolean;
    /** while the address space is being written: what follows it */
    rest?: { steps: RunStep[]; addressSpace: RunStep[] };
    /** the address-space part's result, once it is in */
    addressSpace?: VnetResult;
  }
  const writeBudget = Math.max(2, input.rollout.maxParallelWrites ?? DEFAULT_MAX_PARALLEL_WRITES);
  const spokeWindow = Math.max(1, Math.min(input.rollout.maxParallelSpokes, spokeCount));
  const perSpoke = Math.max(1, Math.floor((writeBudget - 1) / spokeWindow));
  // With a wide window the budget, not the window, bounds how many spokes do their bulk at once;
  // address spaces still go first for every spoke in the window, so the hub lane is fed early.
  const bulkSlots = Math.max(1, Math.floor((writeBudget - 1) / perSpoke));
  /**
   * The hub once its address space is in: 'writing' the rest of its steps, then
   * 'verifying' them (read back and reported). Spokes' workloads and shared route
   * tables wait for 'done'; the hub lane waits only for the hub's last write, since
   * a peering sync holds the hub VNet and the hub's NICs would be refused meanwhile.
   */
  const hubGate: {
    stage: 'writing' | 'verifying' | 'done' | 'failed';
    task?: TypedTask<VnetResult>;
    /** the address-space part: its steps and outcomes */
    written?: { steps: RunStep[]; outcomes: StepOutcome[] };
  } = { stage: 'done' };
  /** outcomes of spokes the hub's failure stopped after their address space: counted and reported here */
  const abandoned: StepOutcome[] = [];
  const migrate = (
    vnet: VnetPlan,
    steps: RunStep[],
    instanceId: string,
    part: Pick<MigrateVnetInput, 'partOfMore' | 'earlier'> = {},
  ): TypedTask<VnetResult> => {
    const isHub = vnet.role === 'hub';
    const maxParallelSteps = isHub ? writeBudget - 1 : perSpoke;
    return subOrchestratorTask(
      ctx,
      migrateVnetRef,
      {
        runId: input.runId,
        runKind: input.runKind,
        vnet,
        steps,
        retry,
        maxParallelSteps,
        // Every spoke and the hub lane wait on the hub.
        ...(isHub ? { critical: true } : {}),
        ...part,
      },
      instanceId,
    );
  };
  // A Connectivity commit rewrites the hub's AVNM peerings as a hub-side sync does, so an AVNM-connected
  // spoke's address space goes first too rather than waiting for its NICs and load balancers.
  const commits = sharedSteps.filter((s) => s.kind === 'avnmCommit');
  // Each spoke's split, worked out once: the hub's own split and every flight use it.
  const spokeSplits = new Map(
    spokes.map((v) => [
      v.vnetId,
      splitAddressSpace(stepsOf(v.vnetId), [...laneStepsOf(v.vnetId), ...commits]),
    ]),
  );
  const startVnet = (vnet: VnetPlan): Flight => {
    const entry = byVnet.get(vnet.vnetId.toLowerCase());
    if (entry) entry.state = 'running';
    const split = spokeSplits.get(vnet.vnetId);
    if (!split) return { vnet, bulk: true };
    return {
      vnet,
      bulk: false,
      task: migrate(vnet, split.addressSpace, addressSpaceInstanceId(input.runId, vnet.vnetId), {
        partOfMore: true,
      }),
      rest: { steps: split.rest, addressSpace: split.addressSpace },
    };
  };
  /** Starts the bulk of waiting flights, in window order, while budget is free. */
  const startBulk = (flights: Flight[]): void => {
    if (hubGate.stage !== 'done') return;
    let running = flights.filter((f) => f.bulk && f.task).length;
    for (const f of flights) {
      if (running >= bulkSlots) return;
      if (!f.bulk || f.task) continue;
      const instanceId = vnetInstanceId(input.runId, f.vnet.vnetId);
      f.task = f.addressSpace
        ? migrate(f.vnet, f.rest?.steps ?? [], instanceId, {
            earlier: { steps: f.rest?.addressSpace ?? [], outcomes: f.addressSpace.outcomes },
          })
        : migrate(f.vnet, stepsOf(f.vnet.vnetId), instanceId);
      running += 1;
    }
  };
  /** Queues the VNet's hub-side steps whose dependencies have all landed. */
  const feedLane = (vnetId: string): void => {
    for (const s of laneStepsOf(vnetId)) {
      if (lane.queued.has(s.id)) continue;
      if (!s.dependsOn.every(depDone)) continue;
      lane.queued.add(s.id);
      lane.queue.push(s);
    }
  };
  const landed = (r: VnetResult): void => {
    for (const o of r.outcomes) if (stepSucceeded(o)) finishedSteps.add(o.stepId);
    if (r.state !== 'failed') feedLane(r.vnetId);
  };
  const record = (r: VnetResult): void => {
    results.push(r);
    landed(r);
    const entry = byVnet.get(r.vnetId.toLowerCase());
    if (entry) {
      // A failed hub-side sync may have marked the spoke already.
      if (entry.state !== 'failed') entry.state = r.state;
      if (r.failedStep) entry.failedStep = r.failedStep;
    }
    publish();
  };

  // The guide's hub sends its diagnostics to Azure Monitor; after approval, because it writes.
  let diagnosticsError = carried?.diagnosticsError;
  if (!carried) {
    try {
      yield* callActivity(ctx, ensureHubDiagnosticsRef, { hubVnetId: plan.hubVnetId });
    } catch (error) {
      // Missing diagnostics don't put IPv4 or IPv6 traffic at risk: say so and carry on.
      diagnosticsError = describeTaskFailure(error).code;
    }
  }

  const hub = plan.vnets.find((v) => v.role === 'hub');
  if (!carried && hub && stepsOf(hub.vnetId).length > 0) {
    status.phase = 'migratingHub';
    const hubEntry = byVnet.get(hub.vnetId.toLowerCase());
    if (hubEntry) hubEntry.state = 'running';
    publish();
    // Spokes' address spaces need only the hub's. Once that has landed they are
    // written while the hub does the rest (its NVA load balancer, NICs and routes),
    // so the hub lane has syncs waiting the moment the hub is free. Nothing a
    // workload sees changes in a spoke until the hub is written and verified.
    // Worked out over every spoke of the run when the plan was stored, not just this piece's.
    const split = splitAddressSpace(stepsOf(hub.vnetId), [{ dependsOn: plan.hubWaitedOn ?? [] }]);
    const first = yield* awaitTask(
      split
        ? migrate(hub, split.addressSpace, addressSpaceInstanceId(input.runId, hub.vnetId), {
            partOfMore: true,
          })
        : migrate(hub, stepsOf(hub.vnetId), vnetInstanceId(input.runId, hub.vnetId)),
    );
    if (!split || first.state === 'failed') {
      record(first);
      if (first.state === 'failed') return yield* finish();
    } else {
      landed(first);
      hubGate.stage = 'writing';
      hubGate.written = { steps: split.addressSpace, outcomes: first.outcomes };
      hubGate.task = migrate(hub, split.rest, vnetInstanceId(input.runId, hub.vnetId), {
        partOfMore: true,
        earlier: hubGate.written,
      });
    }
  }

  // A spoke whose only change is its hub-side sync (say, a rerun after that sync
  // failed) needs no sub-orchestration of its own: straight into the lane.
  for (const v of plan.vnets) {
    if (v.role !== 'spoke' || stepsOf(v.vnetId).length > 0 || laneStepsOf(v.vnetId).length === 0) continue;
    const entry = byVnet.get(v.vnetId.toLowerCase());
    if (entry) entry.state = 'running';
    feedLane(v.vnetId);
  }
  const canaries = carried ? [] : canariesOf(spokes, input.rollout);
  if (canaries.length > 0) yield* runWindow(canaries, 'migratingCanaries');
  // The rest of this piece; the next piece is the next execution's (see SPOKES_PER_EXECUTION).
  const rest = spokes.filter(
    (s) => !canaries.includes(s) && byVnet.get(s.vnetId.toLowerCase())?.state === 'pending',
  );
  const mayGoOn = (): boolean =>
    hubGate.stage !== 'failed' &&
    (carried
      ? failures() < input.rollout.abortAfterFailures
      : !status.vnets.some((v) => v.role === 'spoke' && v.state === 'failed'));
  if (mayGoOn()) {
    yield* runWindow(rest, 'migratingSpokes');
    if (
      plan.piece + 1 < plan.pieces &&
      hubGate.stage !== 'failed' &&
      failures() < input.rollout.abortAfterFailures
    )
      return yield* continueAsNew();
  }
  for (const v of status.vnets) if (v.state === 'pending' && v.stepsTotal > 0) v.state = 'skipped';
  // Hub-side syncs still queued when the hub failed never ran: one skipped row each.
  const stoppedAt = ctx.df.currentUtcDateTime.toISOString();
  laneOutcomes.push(...lane.queue.splice(0).map((s) => notStarted(s, stoppedAt)));

  // Shared steps (route tables, NSGs, DNS records, AVNM commits) ran inside the windows, as soon as
  // their VNets were ready (startShared); one whose VNets never got there is left for a re-run, and
  // reported as skipped so that every step of the piece has its row.
  const neverStarted = sharedSteps.filter((s) => !shared.started.has(s.id));
  shared.outcomes.push(...neverStarted.map((s) => notStarted(s, stoppedAt)));
  return yield* finish(shared.outcomes);

  function* runWindow(vnets: VnetPlan[], phase: EstateStatus['phase']): Generator<Task, void, unknown> {
    publish();
    const queue = [...vnets];
    const flights: Flight[] = [];
    for (;;) {
      while (flights.length < Math.max(1, input.rollout.maxParallelSpokes) && queue.length > 0) {
        if (failures() >= input.rollout.abortAfterFailures || hubGate.stage === 'failed') {
          queue.length = 0;
          break;
        }
        const next = queue.shift();
        if (next) flights.push(startVnet(next));
      }
      startBulk(flights);
      startLane();
      startShared();
      status.phase = hubGate.stage === 'writing' || hubGate.stage === 'verifying' ? 'migratingHub' : phase;
      publish();
      const laneTask = lane.running?.task;
      const hubTask = hubGate.task;
      if (flights.length === 0 && !laneTask && shared.running.length === 0 && !hubTask) return;
      // A task's work is scheduled when it is first awaited, in this order: the critical path first.
      const tasks: TypedTask<unknown>[] = [];
      if (hubTask) tasks.push(hubTask);
      if (laneTask) tasks.push(laneTask);
      tasks.push(...flights.flatMap((f) => (f.task ? [f.task] : [])));
      tasks.push(...shared.running.map((g) => g.task));
      const done = yield* whenAny(ctx, tasks);
      if (done === laneTask) {
        finishLane();
        continue;
      }
      if (done === hubTask) {
        hubAdvanced(hubTask.result as VnetResult);
        // The queue is dropped at the top of the loop; spokes waiting for the hub stop here.
        if (hubGate.stage === 'failed')
          for (const f of flights.filter((f) => f.bulk && !f.task)) abandon(flights, f);
        continue;
      }
      if (sharedGroupDone(done)) continue;
      const flight = flights.find((f) => f.task === done);
      if (!flight) continue;
      const r = done.result as VnetResult;
      if (!flight.bulk && r.state !== 'failed') {
        // Address space is in: the hub side can sync while the spoke does the rest.
        landed(r);
        flight.addressSpace = r;
        flight.bulk = true;
        flight.task = undefined;
        if (hubGate.stage === 'failed') abandon(flights, flight);
        continue;
      }
      flights.splice(flights.indexOf(flight), 1);
      // A spoke whose address space failed never started the rest: report those steps as skipped.
      const notRun = flight.bulk ? [] : (flight.rest?.steps ?? []);
      const skipped = notRun.map((s) => notStarted(s, ctx.df.currentUtcDateTime.toISOString()));
      unstarted.push(...skipped);
      record(skipped.length > 0 ? { ...r, outcomes: [...r.outcomes, ...skipped] } : r);
    }
  }

  /** The hub's rest is written (verification follows) or verified, or it failed. */
  function hubAdvanced(r: VnetResult): void {
    hubGate.task = undefined;
    if (hubGate.stage === 'writing' && r.state !== 'failed' && hub) {
      landed(r);
      hubGate.stage = 'verifying';
      hubGate.task = migrate(hub, [], `${vnetInstanceId(input.runId, hub.vnetId)}-verify`, {
        earlier: {
          steps: stepsOf(hub.vnetId),
          outcomes: [...(hubGate.written?.outcomes ?? []), ...r.outcomes],
        },
      });
      return;
    }
    record(r);
    hubGate.stage = r.state === 'failed' ? 'failed' : 'done';
  }

  /**
   * A spoke whose address space landed but whose workloads the hub's failure kept
   * from starting: its remaining steps are reported as skipped, and the spoke as
   * skipped rather than migrated. The address space itself is harmless (no
   * workload uses it) and a re-run carries on from it.
   */
  function abandon(flights: Flight[], flight: Flight): void {
    flights.splice(flights.indexOf(flight), 1);
    const at = ctx.df.currentUtcDateTime.toISOString();
    abandoned.push(
      ...(flight.addressSpace?.outcomes ?? []),
      ...(flight.rest?.steps ?? []).map((s) => notStarted(s, at)),
    );
    const entry = byVnet.get(flight.vnet.vnetId.toLowerCase());
    if (entry) entry.state = 'skipped';
  }

  /** Starts the shared route tables and NSGs whose VNets all have their IPv6 space by now. */
  function startShared(): void {
    if (hubGate.stage !== 'done') return;
    const ready = sharedSteps.filter((s) => !shared.started.has(s.id) && s.dependsOn.every(depDone));
    if (ready.length === 0) return;
    for (const s of ready) shared.started.add(s.id);
    shared.groups += 1;
    shared.running.push({
      steps: ready,
      task: subOrchestratorTask(
        ctx,
        stepGroupRef,
        { runId: input.runId, steps: ready, retry, maxParallel: perSpoke },
        `${vnetInstanceId(input.runId, plan.hubVnetId)}-shared-${shared.groups}`,
      ),
    });
  }

  function sharedGroupDone(done: TypedTask<unknown>): boolean {
    const group = shared.running.find((g) => g.task === done);
    if (!group) return false;
    shared.running.splice(shared.running.indexOf(group), 1);
    for (const outcome of childOutcomes(group.task, group.steps, ctx.df.currentUtcDateTime.toISOString(), {
      code: 'GroupIncomplete',
      message: 'the step group returned no outcome for this step',
    })) {
      shared.outcomes.push(outcome);
      if (outcome.outcome !== 'failed' && outcome.outcome !== 'skipped') finishedSteps.add(outcome.stepId);
    }
    return true;
  }

  function startLane(): void {
    if (lane.running || lane.queue.length === 0) return;
    if (hubGate.stage === 'writing' || hubGate.stage === 'failed') return;
    const steps = lane.queue.splice(0);
    lane.batches += 1;
    lane.running = {
      steps,
      task: subOrchestratorTask(
        ctx,
        hubLaneRef,
        { runId: input.runId, steps, retry },
        `${vnetInstanceId(input.runId, plan.hubVnetId)}-lane-${lane.batches}`,
      ),
    };
  }

  function finishLane(): void {
    const running = lane.running;
    if (!running) return;
    lane.running = undefined;
    const outcomes = childOutcomes(running.task, running.steps, ctx.df.currentUtcDateTime.toISOString(), {
      code: 'LaneIncomplete',
      message: 'the hub lane returned no outcome for this step',
    });
    for (const [at, step] of running.steps.entries()) {
      const outcome = outcomes[at];
      if (!outcome) continue;
      laneOutcomes.push(outcome);
      const entry = step.vnetId ? byVnet.get(step.vnetId.toLowerCase()) : undefined;
      if (outcome.outcome !== 'failed') {
        if (entry?.state === 'running' && stepsOf(entry.vnetId).length === 0) entry.state = 'succeeded';
        continue;
      }
      if (entry) {
        entry.state = 'failed';
        entry.failedStep = {
          stepId: step.id,
          errorCode: outcome.errorCode ?? 'Unknown',
          message: outcome.message ?? '',
        };
      }
    }
  }

  /** The run's one summary row; figures it doesn't give are zero. */
  function* reportSummary(
    outcome: RunOutcome,
    figures: Partial<RunSummaryInput> = {},
  ): Generator<Task, ReportResult, unknown> {
    return yield* callActivity(
      ctx,
      reportRunSummaryRef,
      runSummaryRow(input.runId, input.runKind, outcome, ctx.df.currentUtcDateTime, {
        ...spokeCounts(),
        ...approvalColumns(status.approval),
        ...figures,
      }),
    );
  }

  function spokeStates(): VnetCounts {
    return countVnets(
      status.vnets.filter((v) => v.role === 'spoke'),
      carried?.spokeCounts,
    );
  }

  /** Spokes of pieces the run never reached (it stopped early): still pending. */
  function spokesNotReached(): number {
    const listed = Object.values(spokeStates()).reduce((a, b) => a + b, 0);
    return Math.max(0, spokesInPlan - listed);
  }

  function spokeCounts(): {
    spokesTotal: number;
    spokesDualStack: number;
    spokesPending: number;
    spokesFailed: number;
  } {
    const counts = spokeStates();
    const notReached = spokesNotReached();
    return {
      spokesTotal: Math.max(
        spokesInPlan,
        Object.values(counts).reduce((a, b) => a + b, 0),
      ),
      spokesDualStack: counts.succeeded + counts.noChanges,
      spokesPending: counts.pending + counts.skipped + notReached,
      spokesFailed: counts.failed,
    };
  }

  /**
   * Reports the rows the parent accounts for itself (hub-lane syncs under the hub,
   * shared resources under the first VNet they serve, steps a failed address space
   * kept from starting under their spoke) and adds this execution's outcomes to
   * the earlier executions' tally.
   */
  function* tallied(sharedOutcomes: StepOutcome[]): Generator<Task, RunTally, unknown> {
    const all = [...results.flatMap((r) => r.outcomes), ...laneOutcomes, ...sharedOutcomes, ...abandoned];
    let lost = results.reduce((n, r) => n + r.report.lost, 0);
    const byStep = new Map(plan.steps.map((s) => [s.id, s]));
    const groups = new Map<string, StepOutcome[]>();
    if (laneOutcomes.length > 0) groups.set(plan.hubVnetId, laneOutcomes);
    for (const o of [...sharedOutcomes, ...unstarted, ...abandoned]) {
      const step = byStep.get(o.stepId);
      const vnetId = step?.vnetId ?? step?.vnetIds[0] ?? plan.hubVnetId;
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
    const before = carried?.tally;
    return {
      stepsSucceeded: (before?.stepsSucceeded ?? 0) + all.filter(stepSucceeded).length,
      stepsFailed: (before?.stepsFailed ?? 0) + all.filter((o) => o.outcome === 'failed').length,
      stepsSkipped: (before?.stepsSkipped ?? 0) + all.filter((o) => o.outcome === 'skipped').length,
      changes:
        (before?.changes ?? 0) + all.filter((o) => o.outcome === 'applied' || o.outcome === 'merged').length,
      lostReportRows: (before?.lostReportRows ?? 0) + lost,
      anyVnetSucceeded: (before?.anyVnetSucceeded ?? false) || results.some((r) => r.state === 'succeeded'),
    };
  }

  /**
   * Ends this execution with every child finished, records its VNets in the run
   * store, and starts the next with the next piece's number and the figures so far.
   */
  function* continueAsNew(): Generator<Task, MigrationResult, unknown> {
    const tally = yield* tallied(shared.outcomes);
    yield* callActivity(ctx, recordRunVnetsRef, { runId: input.runId, vnets: status.vnets });
    const continuation: RunContinuation = {
      digest,
      piece: plan.piece + 1,
      vnetCounts: vnetCounts(),
      spokeCounts: spokeStates(),
      ...(status.approval ? { approval: status.approval } : {}),
      tally,
      sharedOutcomes: [...(carried?.sharedOutcomes ?? []), ...shared.outcomes],
      laneBatches: lane.batches,
      sharedGroups: shared.groups,
      ...(diagnosticsError ? { diagnosticsError } : {}),
    };
    ctx.df.continueAsNew({ ...input, continuation });
    return result('succeeded', { ...tally });
  }

  function* finish(sharedOutcomes: StepOutcome[] = []): Generator<Task, MigrationResult, unknown> {
    status.phase = 'done';
    const tally = yield* tallied(sharedOutcomes);
    yield* callActivity(ctx, recordRunVnetsRef, { runId: input.runId, vnets: status.vnets });
    const counts = vnetCounts();
    const failedVnets = counts.failed;
    // Spokes of pieces a stopped run never reached count as skipped.
    const skipped = counts.skipped + spokesNotReached();
    const outcome: RunOutcome =
      failedVnets === 0 && tally.stepsFailed === 0 && skipped === 0
        ? 'succeeded'
        : tally.anyVnetSucceeded
          ? 'partiallyFailed'
          : 'failed';
    const summaryReport = yield* reportSummary(outcome, {
      stepsTotal: summary.steps,
      stepsSucceeded: tally.stepsSucceeded,
      stepsFailed: tally.stepsFailed,
      changes: tally.changes,
      lostRows: tally.lostReportRows,
      stepsSkipped: tally.stepsSkipped,
    });
    publish();
    return result(outcome, {
      ...(diagnosticsError ? { diagnosticsError } : {}),
      sharedOutcomes: [...(carried?.sharedOutcomes ?? []), ...sharedOutcomes],
      stepsSucceeded: tally.stepsSucceeded,
      stepsFailed: tally.stepsFailed,
      changes: tally.changes,
      lostReportRows: tally.lostReportRows + summaryReport.lost,
    });
  }
}
