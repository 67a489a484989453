import type { OrchestrationContext, Task } from 'durable-functions';
import type { RunStep } from '../activities/RunPlan';
import type { ApplyStepResult } from '../activities/applyStepContract';
import { applyStepRef, syncPeeringRef } from '../activities/applyStepContract';
import type { TypedTask } from './durableTasks';
import { activityTask, whenAny } from './durableTasks';
import { describeTaskFailure } from './taskFailure';
import { locksVnet } from './locksVnet';
import type { RetryPolicy } from './retryDelayMs';
import { mayRetry, retryDelayMs } from './retryDelayMs';

export type { RetryPolicy };

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 6,
  firstDelayMs: 2000,
  backoffCoefficient: 2,
  maxDelayMs: 60000,
};

export interface StepOutcome {
  stepId: string;
  resourceId: string;
  kind: RunStep['kind'];
  outcome: ApplyStepResult['outcome'] | 'failed' | 'skipped';
  attempts: number;
  durationMs: number;
  ipv6Prefixes: string[];
  errorCode?: string;
  message?: string;
  /** orchestration time the step finished, ISO */
  finishedAt?: string;
}

/** Written, re-merged, or already as wanted: the step's resource has what the step was for. */
export function stepSucceeded(o: Pick<StepOutcome, 'outcome'>): boolean {
  return o.outcome === 'applied' || o.outcome === 'merged' || o.outcome === 'unchanged';
}

/** A step that never ran because an earlier one failed for good. */
export function notStarted(step: RunStep, finishedAt: string): StepOutcome {
  return {
    stepId: step.id,
    resourceId: step.resourceId,
    kind: step.kind,
    ipv6Prefixes: step.ipv6Prefixes,
    attempts: 0,
    durationMs: 0,
    finishedAt,
    outcome: 'skipped',
    message: 'not started: an earlier step failed',
  };
}

export interface StepProgress {
  done: number;
  total: number;
  running: string[];
  failed: number;
}

export interface RunStepsOptions {
  onProgress?: (progress: StepProgress) => void;
  /**
   * Writes in flight at once (backoff waits don't count). The run shares one
   * activity queue with the hub lane, its critical path; a VNet that queued all
   * of its NICs at once would make the lane's next sync wait behind them.
   */
  maxParallel?: number;
  /** these steps are the run's critical path: their activities poll eagerly */
  critical?: boolean;
}

type Pending =
  | { type: 'activity'; stepId: string; task: TypedTask<ApplyStepResult> }
  | { type: 'backoff'; stepId: string; task: TypedTask<unknown> };

/**
 * Runs a set of plan steps in dependency order, independent steps in parallel.
 *
 * Retries are done here rather than with durable RetryOptions because only
 * retryable failures (429, 5xx, AnotherOperationInProgress, RetryableError)
 * deserve another attempt; RetryOptions would also retry a 400 six times.
 * Backoff waits are durable timers raced with the running activities, so one
 * step's backoff never holds up its siblings. After a step fails for good no new
 * step starts (running ones finish) and the rest are reported as skipped: a
 * half-migrated VNet is safe (IPv4 is never touched) and a re-run converges.
 */
export function* runSteps(
  ctx: OrchestrationContext,
  runId: string,
  steps: readonly RunStep[],
  retry: RetryPolicy,
  options: RunStepsOptions = {},
): Generator<Task, StepOutcome[], unknown> {
  const onProgress = options.onProgress ?? ((): void => undefined);
  const maxParallel = Math.max(1, options.maxParallel ?? Number.POSITIVE_INFINITY);
  const inGroup = new Set(steps.map((s) => s.id));
  const outcomes = new Map<string, StepOutcome>();
  const attempts = new Map<string, number>();
  const started = new Map<string, number>();
  const pending: Pending[] = [];
  let stopped = false;

  const isDone = (id: string): boolean => !inGroup.has(id) || outcomes.get(id)?.outcome !== undefined;
  const nowMs = (): number => ctx.df.currentUtcDateTime.getTime();
  const finish = (
    step: RunStep,
    outcome: Omit<StepOutcome, 'stepId' | 'resourceId' | 'kind' | 'ipv6Prefixes' | 'attempts' | 'finishedAt'>,
  ): void => {
    outcomes.set(step.id, {
      stepId: step.id,
      resourceId: step.resourceId,
      kind: step.kind,
      ipv6Prefixes: step.ipv6Prefixes,
      attempts: attempts.get(step.id) ?? 0,
      finishedAt: ctx.df.currentUtcDateTime.toISOString(),
      ...outcome,
    });
  };
  const launch = (step: RunStep): void => {
    attempts.set(step.id, (attempts.get(step.id) ?? 0) + 1);
    if (!started.has(step.id)) started.set(step.id, nowMs());
    const ref = step.kind === 'peeringSync' ? syncPeeringRef : applyStepRef;
    const input = options.critical ? { runId, step, critical: true } : { runId, step };
    pending.push({ type: 'activity', stepId: step.id, task: activityTask(ctx, ref, input) });
  };
  const byId = new Map(steps.map((s) => [s.id, s]));
  // Once per replay, not once per step per turn: every completion replays the whole loop.
  const lockOf = new Map(steps.map((s) => [s.id, locksVnet(s)]));
  const vnetOf = new Map(steps.map((s) => [s.id, s.vnetId?.toLowerCase()]));
  const report = (): void =>
    onProgress({
      done: [...outcomes.values()].filter((o) => o.outcome !== 'failed' && o.outcome !== 'skipped').length,
      total: steps.length,
      running: pending.filter((p) => p.type === 'activity').map((p) => p.stepId),
      failed: [...outcomes.values()].filter((o) => o.outcome === 'failed').length,
    });

  for (;;) {
    if (!stopped) {
      const busy = new Set(pending.map((p) => p.stepId));
      const writing = pending.flatMap((p) => (p.type === 'activity' ? [byId.get(p.stepId)] : []));
      const ready = steps.filter((s) => !outcomes.has(s.id) && !busy.has(s.id) && s.dependsOn.every(isDone));
      // A write on a VNet itself goes first and alone among that VNet's steps: Azure
      // refuses a NIC or load balancer write into a VNet it is updating, so letting
      // them overlap only buys 429s and backoff.
      const held = new Set(writing.map((s) => s && lockOf.get(s.id)).filter((v) => v !== undefined));
      const wanted = new Set(ready.map((s) => lockOf.get(s.id)).filter((v) => v !== undefined));
      const inFlight = (vnet: string): boolean => writing.some((s) => s && vnetOf.get(s.id) === vnet);
      const locking = ready.filter((s) => lockOf.get(s.id) !== undefined);
      for (const step of [...locking, ...ready.filter((s) => lockOf.get(s.id) === undefined)]) {
        if (writing.length >= maxParallel) break;
        const lock = lockOf.get(step.id);
        const vnet = vnetOf.get(step.id);
        if (lock !== undefined ? inFlight(lock) : vnet !== undefined && (held.has(vnet) || wanted.has(vnet)))
          continue;
        launch(step);
        writing.push(step);
        if (lock !== undefined) held.add(lock);
      }
    }
    report();
    if (pending.length === 0) break;

    const winner = yield* whenAny(
      ctx,
      pending.map((p) => p.task),
    );
    const index = pending.findIndex((p) => p.task === winner);
    const [entry] = pending.splice(index, 1);
    const step = entry ? byId.get(entry.stepId) : undefined;
    if (!entry || !step) continue;

    if (entry.type === 'backoff') {
      if (stopped)
        finish(step, { outcome: 'skipped', durationMs: 0, message: 'retry cancelled: another step failed' });
      else launch(step);
      continue;
    }
    const durationMs = nowMs() - (started.get(step.id) ?? nowMs());
    if (!winner.isFaulted) {
      const result = winner.result as ApplyStepResult;
      finish(step, { outcome: result.outcome, durationMs });
      continue;
    }
    const failure = describeTaskFailure(winner.result);
    const tries = attempts.get(step.id) ?? 1;
    if (mayRetry(retry, tries, failure) && !stopped) {
      const delay = retryDelayMs(retry, tries, failure);
      pending.push({ type: 'backoff', stepId: step.id, task: ctx.df.createTimer(new Date(nowMs() + delay)) });
      continue;
    }
    finish(step, { outcome: 'failed', durationMs, errorCode: failure.code, message: failure.message });
    stopped = true;
  }

  for (const step of steps) {
    if (!outcomes.has(step.id)) {
      outcomes.set(step.id, notStarted(step, ctx.df.currentUtcDateTime.toISOString()));
    }
  }
  report();
  return steps.map((s) => outcomes.get(s.id)).filter((o): o is StepOutcome => o !== undefined);
}
