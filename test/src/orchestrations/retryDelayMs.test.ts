import type { RetryPolicy } from '../../../src/orchestrations/retryDelayMs';
import { mayRetry, retryDelayMs, THROTTLED_ATTEMPTS } from '../../../src/orchestrations/retryDelayMs';
import type { TaskFailure } from '../../../src/orchestrations/taskFailure';

const policy: RetryPolicy = { maxAttempts: 10, firstDelayMs: 250, backoffCoefficient: 3, maxDelayMs: 10_000 };
const throttled: TaskFailure = {
  code: 'TooManyRequests',
  message: 'slow down',
  retryable: true,
  status: 429,
};

const delays = (failure: TaskFailure, tries: number[]): number[] =>
  tries.map((t) => retryDelayMs(policy, t, failure));

describe('retryDelayMs', () => {
  it('starts at firstDelayMs and multiplies by the coefficient after each failure', () => {
    expect(delays(throttled, [1, 2, 3, 4])).toEqual([250, 750, 2250, 6750]);
  });

  it('never exceeds maxDelayMs however many attempts have failed', () => {
    expect(delays(throttled, [5, 6, 20, 1000])).toEqual([10_000, 10_000, 10_000, 10_000]);
  });

  it('waits at least as long as the service asked (Retry-After), even past the cap', () => {
    const asked = { ...throttled, retryAfterMs: 30_000 };

    expect(delays(asked, [1, 3, 8])).toEqual([30_000, 30_000, 30_000]);
  });

  it('takes whichever is longer, the backoff or a shorter Retry-After', () => {
    const asked = { ...throttled, retryAfterMs: 1000 };

    expect(delays(asked, [1, 2, 3, 9])).toEqual([1000, 1000, 2250, 10_000]);
  });
});

describe('mayRetry', () => {
  const fault: TaskFailure = { code: 'InternalServerError', message: 'oops', retryable: true, status: 500 };
  const terminal: TaskFailure = {
    code: 'InvalidRequestFormat',
    message: 'no',
    retryable: false,
    status: 400,
  };

  it('gives a retryable fault maxAttempts and a terminal one none', () => {
    expect(mayRetry(policy, 9, fault)).toBe(true);
    expect(mayRetry(policy, 10, fault)).toBe(false);
    expect(mayRetry(policy, 1, terminal)).toBe(false);
  });

  it('gives throttling the longer allowance, configurable', () => {
    expect(mayRetry(policy, 10, throttled)).toBe(true);
    expect(mayRetry(policy, THROTTLED_ATTEMPTS - 1, throttled)).toBe(true);
    expect(mayRetry(policy, THROTTLED_ATTEMPTS, throttled)).toBe(false);
    expect(mayRetry({ ...policy, maxThrottledAttempts: 12 }, 12, throttled)).toBe(false);
    // Never fewer than a fault gets.
    expect(mayRetry({ ...policy, maxThrottledAttempts: 2 }, 5, throttled)).toBe(true);
  });
});
