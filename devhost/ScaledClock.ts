import type { Clock } from './Clock';

export interface ScaledClockOptions {
  /** Virtual milliseconds per real millisecond: 1000 makes a 60 s durable timer fire after 60 ms. */
  timeScale?: number;
  /** Virtual time at creation; defaults to the real time. */
  start?: Date;
}

const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** Virtual time that runs `timeScale` times faster than the wall clock. */
export class ScaledClock implements Clock {
  readonly timeScale: number;
  readonly #virtualStart: number;
  readonly #realStart: number;

  constructor(options: ScaledClockOptions = {}) {
    const timeScale = options.timeScale ?? 1;
    if (!Number.isFinite(timeScale) || timeScale <= 0) {
      throw new RangeError(`timeScale must be a positive number, got ${String(options.timeScale)}`);
    }
    this.timeScale = timeScale;
    this.#realStart = performance.now();
    this.#virtualStart = (options.start ?? new Date()).getTime();
  }

  now(): Date {
    return new Date(this.#virtualStart + Math.floor((performance.now() - this.#realStart) * this.timeScale));
  }

  setTimer(at: Date, callback: () => void): () => void {
    let handle: NodeJS.Timeout | undefined;
    const arm = (): void => {
      const realDelay = Math.max(0, Math.ceil((at.getTime() - this.now().getTime()) / this.timeScale));
      // setTimeout cannot wait longer than ~24.8 days; longer waits are re-armed in steps.
      handle =
        realDelay > MAX_TIMEOUT_MS
          ? setTimeout(arm, MAX_TIMEOUT_MS)
          : setTimeout(() => (this.now() >= at ? callback() : arm()), realDelay);
    };
    arm();
    return () => clearTimeout(handle);
  }
}
