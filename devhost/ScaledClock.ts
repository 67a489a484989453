import type { Clock } from './Clock';

export interface ScaledClockOptions {
  /** Virtual milliseconds per real millisecond: 1000 makes a 60 s durable timer fire after 60 ms. */
  timeScale?: number;
  /** Virtual time at creation; defaults to the real time. */
  start?: Date;
}

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
    const realDelay = Math.max(0, (at.getTime() - this.now().getTime()) / this.timeScale);
    const handle = setTimeout(callback, Math.ceil(realDelay));
    return () => clearTimeout(handle);
  }
}
