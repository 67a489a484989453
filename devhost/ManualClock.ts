import type { Clock } from './Clock';

interface PendingTimer {
  readonly at: number;
  readonly seq: number;
  readonly callback: () => void;
}

/** A clock that only moves when told to: tests advance it past timers to fire them. */
export class ManualClock implements Clock {
  #now: number;
  #seq = 0;
  #timers: PendingTimer[] = [];

  constructor(start: Date = new Date('2026-01-01T00:00:00Z')) {
    this.#now = start.getTime();
  }

  now(): Date {
    return new Date(this.#now);
  }

  setTimer(at: Date, callback: () => void): () => void {
    const timer: PendingTimer = { at: at.getTime(), seq: this.#seq++, callback };
    if (timer.at <= this.#now) {
      queueMicrotask(callback);
      return () => undefined;
    }
    this.#timers.push(timer);
    return () => {
      this.#timers = this.#timers.filter((t) => t !== timer);
    };
  }

  /** Number of armed timers that have not fired yet. */
  get pendingTimers(): number {
    return this.#timers.length;
  }

  /** Moves time forward by `ms` and fires, in time order, every timer that falls due. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new RangeError(`advance(ms): ms must be a non-negative number, got ${ms}`);
    }
    this.#now += ms;
    const due = this.#timers.filter((t) => t.at <= this.#now).sort((a, b) => a.at - b.at || a.seq - b.seq);
    this.#timers = this.#timers.filter((t) => t.at > this.#now);
    for (const timer of due) {
      timer.callback();
    }
  }
}
