import type { OrchestrationContext, RetryOptions, Task } from 'durable-functions';

/**
 * Typed views over durable-functions' untyped tasks. A generator's `yield` is
 * `any` to TypeScript; delegating with `yield*` to these helpers gives each
 * await its real type without casts at the call sites.
 */
export interface ActivityRef<I, O> {
  readonly name: string;
  /** phantom fields: never set, they only carry the types */
  readonly __input?: I;
  readonly __output?: O;
}

export interface OrchestratorRef<I, O> {
  readonly name: string;
  readonly __input?: I;
  readonly __output?: O;
}

export type TypedTask<T> = Task & { readonly __result?: T };

export function activityTask<I, O>(
  ctx: OrchestrationContext,
  ref: ActivityRef<I, O>,
  input: I,
): TypedTask<O> {
  return ctx.df.callActivity(ref.name, input);
}

/** Durable retries (every failure, backoff on timers): for steps where any failure is worth another try. */
export function activityTaskWithRetry<I, O>(
  ctx: OrchestrationContext,
  ref: ActivityRef<I, O>,
  retry: RetryOptions,
  input: I,
): TypedTask<O> {
  return ctx.df.callActivityWithRetry(ref.name, retry, input);
}

export function subOrchestratorTask<I, O>(
  ctx: OrchestrationContext,
  ref: OrchestratorRef<I, O>,
  input: I,
  instanceId: string,
): TypedTask<O> {
  return ctx.df.callSubOrchestrator(ref.name, input, instanceId);
}

export function* awaitTask<T>(task: TypedTask<T>): Generator<Task, T, unknown> {
  return (yield task) as T;
}

export function* callActivity<I, O>(
  ctx: OrchestrationContext,
  ref: ActivityRef<I, O>,
  input: I,
): Generator<Task, O, unknown> {
  return yield* awaitTask(activityTask(ctx, ref, input));
}

export function* whenAll<T>(ctx: OrchestrationContext, tasks: TypedTask<T>[]): Generator<Task, T[], unknown> {
  if (tasks.length === 0) return [];
  return (yield ctx.df.Task.all(tasks)) as T[];
}

/**
 * Waits until every task has finished, failed ones included (Task.all would throw at the first
 * failure and leave the rest unread): the caller reads each task's isFaulted and result.
 */
export function* whenSettled<T>(
  ctx: OrchestrationContext,
  tasks: readonly TypedTask<T>[],
): Generator<Task, void, unknown> {
  let pending = [...tasks];
  while (pending.length > 0) {
    const done = yield* whenAny(ctx, pending);
    pending = pending.filter((t) => t !== done);
  }
}

/** Resolves with the first task to finish; the others keep running and can be raced again. */
export function* whenAny<T>(
  ctx: OrchestrationContext,
  tasks: TypedTask<T>[],
): Generator<Task, TypedTask<T>, unknown> {
  return (yield ctx.df.Task.any(tasks)) as TypedTask<T>;
}

export function taskResult<T>(task: TypedTask<T>): T {
  return task.result as T;
}
