import type { OrchestrationContext, Task } from 'durable-functions';
import type { ActivityRef } from './durableTasks';
import { callActivity } from './durableTasks';
import type { RetryPolicy } from './retryDelayMs';
import { mayRetry, retryDelayMs } from './retryDelayMs';
import { describeTaskFailure } from './taskFailure';

/**
 * An activity retried only when its failure is retryable (429, 5xx,
 * AnotherOperationInProgress...), with backoff on durable timers; a terminal
 * failure, or the last retryable one, is rethrown. Durable RetryOptions would
 * retry a 400 as eagerly as a 429 and ignore Retry-After.
 */
export function* callActivityRetrying<I, O>(
  ctx: OrchestrationContext,
  ref: ActivityRef<I, O>,
  input: I,
  retry: RetryPolicy,
): Generator<Task, O, unknown> {
  for (let tries = 1; ; tries++) {
    try {
      return yield* callActivity(ctx, ref, input);
    } catch (error) {
      const failure = describeTaskFailure(error);
      if (!mayRetry(retry, tries, failure)) throw error;
      const due = ctx.df.currentUtcDateTime.getTime() + retryDelayMs(retry, tries, failure);
      yield ctx.df.createTimer(new Date(due));
    }
  }
}
