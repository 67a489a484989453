import type { OrchestrationContext, Task } from 'durable-functions';
import { releaseReservationRef } from '../activities/releaseReservationContract';
import { ipamPoolOf } from '../planner/ipam/ipamPoolOf';
import { idKey } from '../arm/resourceId';
import type { OrchestratorRef, TypedTask } from './durableTasks';
import { awaitTask, callActivity, whenAny } from './durableTasks';
import type { MigrationResult, RolloutSettings, RunOutcome } from './migrateEstate';
import { RESERVATION_CONFLICT } from './migrateEstate';
import { remediationRun } from './remediationRun';
import type { RetryPolicy } from './runSteps';
import { describeTaskFailure } from './taskFailure';

export const CHANGED_EVENT = 'changed';
/** Enough for "a change arrived while we worked" twice over; a constant stream of human edits waits for the next event. */
export const DEFAULT_MAX_PASSES = 3;

export interface ReconcileSpokeInput {
  vnetId: string;
  /** the planner configuration (JSON), as for a migration */
  config: unknown;
  settleSeconds: number;
  /** 'deleted': the event was the VNet's delete, so look for its release first */
  trigger: 'changed' | 'deleted';
  retry?: RetryPolicy;
  maxPasses?: number;
}

export interface ReconcilePass {
  runId: string;
  outcome: RunOutcome;
  steps: number;
  changes: number;
  stepsFailed: number;
  message?: string;
}

export interface ReconcileSpokeResult {
  vnetId: string;
  outcome: RunOutcome | 'released' | 'notASpoke';
  passes: ReconcilePass[];
  /** `changed` events consumed (each was one more event for this spoke while it was being reconciled) */
  changedEvents: number;
  released?: string[];
  blockers?: MigrationResult['plan']['blockers'];
}

export const reconcileSpokeRef: OrchestratorRef<ReconcileSpokeInput, ReconcileSpokeResult> = {
  name: 'reconcileSpoke',
};

/** One at a time and rollout-free: a reconcile touches one spoke (and the hub side it needs). */
const ROLLOUT: RolloutSettings = { maxParallelSpokes: 1, canarySpokes: 0, abortAfterFailures: 1 };

/**
 * Counts the `changed` events delivered so far. One waiter is kept open for the whole orchestration (a waiter
 * abandoned after a lost race would swallow the next event unseen). Each drain races it against a timer due
 * now, which fires only after the events queued before it, so every race the waiter wins is one event.
 * What matters is whether any event came during a pass; the count is for the record and may come out low
 * when several arrive within one pass.
 */
function changedEvents(ctx: OrchestrationContext): () => Generator<Task, number, unknown> {
  let waiter: TypedTask<unknown> = ctx.df.waitForExternalEvent(CHANGED_EVENT);
  return function* drain() {
    const now = ctx.df.createTimer(ctx.df.currentUtcDateTime);
    let consumed = 0;
    for (;;) {
      // An event that came while the orchestrator awaited something else completed the waiter then; a race
      // built now would not notice (durable-functions' Task.any only hears completions after it exists).
      if (!waiter.isCompleted && (yield* whenAny<unknown>(ctx, [waiter, now])) === now) return consumed;
      consumed++;
      waiter = ctx.df.waitForExternalEvent(CHANGED_EVENT);
    }
  };
}

function stamp(date: Date): string {
  return date.toISOString().replace(/[-:.]/g, '').toLowerCase();
}

/**
 * Brings one spoke (a new one, or one that gained subnets, NICs or load balancers) to dual stack,
 * level-triggered: the event only said where to look. Singleton per spoke (see reconcileInstanceId); events
 * that arrive while it runs come in as `changed` and cause one more pass, so a burst costs one or two.
 * Each pass is a migration of just this spoke without approval: the planner adds the hub side it needs
 * (route tables, NSGs, peering syncs), blockers stop it, and it is reported as 'remediation'.
 */
export function* reconcileSpoke(ctx: OrchestrationContext): Generator<Task, ReconcileSpokeResult, unknown> {
  const input = ctx.df.getInput<ReconcileSpokeInput>();
  const maxPasses = Math.max(1, input.maxPasses ?? DEFAULT_MAX_PASSES);
  const result: ReconcileSpokeResult = {
    vnetId: input.vnetId,
    outcome: 'noChanges',
    passes: [],
    changedEvents: 0,
  };
  const publish = (phase: string): void => ctx.df.setCustomStatus({ phase, ...result });
  publish('settling');
  const drainChanged = changedEvents(ctx);

  // Let the pipeline that caused the event finish its other writes before we look.
  if (input.settleSeconds > 0)
    yield ctx.df.createTimer(new Date(ctx.df.currentUtcDateTime.getTime() + input.settleSeconds * 1000));
  result.changedEvents += yield* drainChanged();
  const base = `${ctx.df.instanceId}-${stamp(ctx.df.currentUtcDateTime)}`;

  const release = function* (runId: string): Generator<Task, boolean, unknown> {
    const gone = yield* callActivity(ctx, releaseReservationRef, {
      runId,
      vnetId: input.vnetId,
      ...ipamPoolOf(input.config),
    });
    if (gone.deleted) {
      result.outcome = 'released';
      result.released = gone.released;
    }
    return gone.deleted;
  };
  if (input.trigger === 'deleted' && (yield* release(`${base}-release`))) return done();

  for (let pass = 1; pass <= maxPasses; pass++) {
    const runId = `${base}-${pass}`;
    publish(`pass ${pass}`);
    let run: MigrationResult;
    try {
      run = yield* awaitTask(
        remediationRun(ctx, runId, {
          config: input.config,
          onlyVnetIds: [input.vnetId],
          rollout: ROLLOUT,
          ...(input.retry ? { retry: input.retry } : {}),
        }),
      );
    } catch (error) {
      // Planning itself failed (a bad configuration, the hub gone): report it in the result, don't loop.
      const failure = describeTaskFailure(error);
      result.outcome = 'failed';
      result.passes.push({
        runId,
        outcome: 'failed',
        steps: 0,
        changes: 0,
        stepsFailed: 0,
        message: failure.message,
      });
      return done();
    }
    result.passes.push({
      runId,
      outcome: run.outcome,
      steps: run.plan.steps,
      changes: run.changes,
      stepsFailed: run.stepsFailed,
      ...(run.message ? { message: run.message } : {}),
    });
    // A later pass that finds nothing left to do confirms the earlier one's outcome rather than replacing it.
    if (pass === 1 || run.outcome !== 'noChanges') result.outcome = run.outcome;
    // No plan at all (discovery failed): the pass's message says why; another pass would fail the same way.
    if (run.plan.vnets === 0) return done();
    if (!run.vnets.some((v) => idKey(v.vnetId) === idKey(input.vnetId))) {
      // Not in the plan: deleted, excluded by tag, out of scope or not peered with the hub (yet).
      if (!(yield* release(`${runId}-release`))) result.outcome = 'notASpoke';
      return done();
    }
    // migrateEstate has already sent the blocked run's summary row.
    if (run.outcome === 'blocked') result.blockers = run.plan.blockers;
    // A prefix taken by another spoke between plan and reserve: nothing ran, so plan again.
    const lostReservation = run.errorCode === RESERVATION_CONFLICT;
    const changed = yield* drainChanged();
    result.changedEvents += changed;
    if (changed === 0 && !lostReservation) break;
  }
  return done();

  function done(): ReconcileSpokeResult {
    publish('done');
    return result;
  }
}
