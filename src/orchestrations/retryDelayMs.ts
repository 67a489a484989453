import type { TaskFailure } from './taskFailure';

export interface RetryPolicy {
  maxAttempts: number;
  firstDelayMs: number;
  backoffCoefficient: number;
  maxDelayMs: number;
  /** attempts allowed while ARM answers 429 (default THROTTLED_ATTEMPTS) */
  maxThrottledAttempts?: number;
}

/**
 * A 429 says the subscription's request budget is spent for now, not that the
 * step is wrong: a big run meets it in waves, so it gets a longer allowance than
 * a fault does before a spoke is given up.
 */
export const THROTTLED_ATTEMPTS = 20;

/** Whether a failure after `tries` attempts deserves another one. */
export function mayRetry(retry: RetryPolicy, tries: number, failure: TaskFailure): boolean {
  if (!failure.retryable) return false;
  const allowed =
    failure.status === 429
      ? Math.max(retry.maxAttempts, retry.maxThrottledAttempts ?? THROTTLED_ATTEMPTS)
      : retry.maxAttempts;
  return tries < allowed;
}

/** Exponential backoff after the `tries`-th failed attempt, never shorter than the service asked (Retry-After). */
export function retryDelayMs(retry: RetryPolicy, tries: number, failure: TaskFailure): number {
  const backoff = Math.min(retry.maxDelayMs, retry.firstDelayMs * retry.backoffCoefficient ** (tries - 1));
  return Math.max(backoff, failure.retryAfterMs ?? 0);
}
