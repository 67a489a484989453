import type { Clock } from '../../../emulator/core/Clock';
import { Throttle } from '../../../emulator/core/Throttle';
import { tooManyRequests } from '../../../src/arm/errors/commonErrors';

/** The emulator clock, driven by hand: token refills are exact, no waiting. */
function manualClock(): Clock & { advance(ms: number): void } {
  let t = 0;
  return { now: () => t, advance: (ms) => (t += ms) };
}

describe('Throttle (ARM token buckets, rules §10)', () => {
  it('allows 200 writes per principal, then refuses with Retry-After until 10 per second have refilled', () => {
    const clock = manualClock();
    const throttle = new Throttle(clock, 1, true);
    for (let i = 0; i < 200; i++) expect(throttle.check('sub', 'p1', 'writes', false).error).toBeUndefined();
    const refused = throttle.check('sub', 'p1', 'writes', false);
    expect(refused.error?.code).toBe(tooManyRequests(1, '').code);
    expect(refused.error?.headers['Retry-After']).toBe('1');
    expect(refused.headers['x-ms-ratelimit-remaining-subscription-writes']).toBe('0');
    // Another principal has its own bucket.
    expect(throttle.check('sub', 'p2', 'writes', false).error).toBeUndefined();
    clock.advance(100);
    expect(throttle.check('sub', 'p1', 'writes', false).error).toBeUndefined();
    expect(throttle.check('sub', 'p1', 'writes', false).error).toBeDefined();
  });

  it('applies the Microsoft.Network limit of 1,000 writes per 5 minutes across principals', () => {
    const clock = manualClock();
    const throttle = new Throttle(clock, 1, true);
    for (let i = 0; i < 1000; i++) {
      expect(
        throttle.check('sub', `p${i % 10}`, i % 2 === 0 ? 'writes' : 'deletes', true).error,
      ).toBeUndefined();
    }
    const refused = throttle.check('sub', 'p-new', 'writes', true);
    expect(refused.error?.status).toBe(429);
    expect(refused.headers['x-ms-ratelimit-remaining-resource']).toBe(
      'Microsoft.Network/PutSubscription5Min;0',
    );
    clock.advance(300);
    expect(throttle.check('sub', 'p-new', 'writes', true).error).toBeUndefined();
  });

  it('on a compressed clock, says how long in ARM seconds scaled down, where the SDK reads it first', () => {
    const clock = manualClock();
    const fast = new Throttle(clock, 0.05, true);
    for (let i = 0; i < 250; i++) fast.check('sub', 'p', 'reads', false);
    const refused = fast.check('sub', 'p', 'reads', false).error;
    // ARM would say 1 s (25 reads/s refill); at a twentieth of real time that is 50 ms.
    expect(refused?.headers['x-ms-retry-after-ms']).toBe('50');
    expect(refused?.headers['Retry-After']).toBe('1');
    clock.advance(50);
    expect(fast.check('sub', 'p', 'reads', false).error).toBeUndefined();
    // At real time, Retry-After alone is exact.
    const real = new Throttle(clock, 1, true);
    for (let i = 0; i < 250; i++) real.check('sub', 'p', 'reads', false);
    expect(real.check('sub', 'p', 'reads', false).error?.headers).not.toHaveProperty('x-ms-retry-after-ms');
  });

  it('scales refills by the time scale and never refuses with throttling off', () => {
    const clock = manualClock();
    const slow = new Throttle(clock, 10, true);
    for (let i = 0; i < 250; i++) slow.check('sub', 'p', 'reads', false);
    expect(slow.check('sub', 'p', 'reads', false).error?.headers['Retry-After']).toBe('1');
    clock.advance(40);
    expect(slow.check('sub', 'p', 'reads', false).error).toBeDefined();
    clock.advance(400);
    expect(slow.check('sub', 'p', 'reads', false).error).toBeUndefined();
    const off = new Throttle(clock, 1, false);
    for (let i = 0; i < 300; i++) expect(off.check('sub', 'p', 'reads', false).error).toBeUndefined();
  });
});
