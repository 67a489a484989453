import type { TaskFailure } from './taskFailure';

export interface RetryPolicy {
  maxAttempts: number;
  firstDelayMs: number;
  backoffCoefficient: number;
  maxDelayMs: number;
}

/** Exponential backoff after the `tries`-th failed attempt, never shorter than the service asked (Retry-After). */
export function retryDelayMs(retry: RetryPolicy, tries: number, failure: TaskFailure): number {
  const backoff = Math.min(retry.maxDelayMs, retry.firstDelayMs * retry.backoffCoefficient ** (tries - 1));
  return Math.max(backoff, failure.retryAfterMs ?? 0);
}
