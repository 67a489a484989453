/** Retry options as durable-functions' RetryOptions carries them (all but the first two are optional). */
export interface RetryOptionsLike {
  firstRetryIntervalInMilliseconds: number;
  maxNumberOfAttempts: number;
  backoffCoefficient?: number;
  maxRetryIntervalInMilliseconds?: number;
  retryTimeoutInMilliseconds?: number;
}

/**
 * Delay before the retry that follows failed attempt number `failedAttempt` (1-based), computed the way the
 * Durable Task Framework does: first interval times backoffCoefficient^(attempt-1), capped by the max interval.
 */
export function retryDelay(options: RetryOptionsLike, failedAttempt: number): number {
  const coefficient = options.backoffCoefficient ?? 1;
  const delay = options.firstRetryIntervalInMilliseconds * Math.pow(coefficient, failedAttempt - 1);
  const cap = options.maxRetryIntervalInMilliseconds;
  return cap !== undefined && cap > 0 ? Math.min(delay, cap) : delay;
}
