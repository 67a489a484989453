import { ManualClock } from '../../devhost/ManualClock';
import { ScaledClock } from '../../devhost/ScaledClock';

describe('ManualClock', () => {
  it('fires due timers in time order when advanced, and not before', () => {
    const clock = new ManualClock(new Date('2026-01-01T00:00:00Z'));
    const fired: string[] = [];
    clock.setTimer(new Date('2026-01-01T00:00:20Z'), () => fired.push('b'));
    clock.setTimer(new Date('2026-01-01T00:00:10Z'), () => fired.push('a'));
    const cancel = clock.setTimer(new Date('2026-01-01T00:00:15Z'), () => fired.push('cancelled'));
    cancel();

    clock.advance(9_999);
    expect(fired).toEqual([]);
    clock.advance(10_001);
    expect(fired).toEqual(['a', 'b']);
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:20.000Z');
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });
});

describe('ScaledClock', () => {
  it('fires a 60 s virtual timer once virtual time has reached it', async () => {
    const clock = new ScaledClock({ timeScale: 10_000, start: new Date('2026-01-01T00:00:00Z') });
    const at = new Date('2026-01-01T00:01:00Z');
    const firedAt = await new Promise<Date>((resolve) => clock.setTimer(at, () => resolve(clock.now())));
    expect(firedAt.getTime()).toBeGreaterThanOrEqual(at.getTime());
  });

  it('waits out timers longer than setTimeout can hold (about 24.8 days)', () => {
    jest.useFakeTimers();
    try {
      const clock = new ScaledClock({ timeScale: 1 });
      const day = 24 * 3600 * 1000;
      let fired = false;
      clock.setTimer(new Date(clock.now().getTime() + 30 * day), () => (fired = true));
      jest.advanceTimersByTime(29 * day);
      expect(fired).toBe(false);
      jest.advanceTimersByTime(day + 1000);
      expect(fired).toBe(true);
    } finally {
      jest.useRealTimers();
    }
  });

  it('rejects a non-positive timeScale, naming it', () => {
    expect(() => new ScaledClock({ timeScale: 0 })).toThrow(/timeScale/);
  });
});
