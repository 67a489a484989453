/** Counts running episodes and activities, and wakes `whenIdle` callers once none are left. */
export class IdleTracker {
  #busy = 0;
  readonly #waiters: Array<() => void> = [];

  start(): void {
    this.#busy++;
  }

  end(): void {
    this.#busy--;
    this.#settle();
  }

  whenIdle(): Promise<void> {
    return new Promise((resolve) => {
      this.#waiters.push(resolve);
      this.#settle();
    });
  }

  /** Wakes waiters once nothing runs, after queued microtasks (a due timer's delivery) have had their turn. */
  #settle(): void {
    if (this.#busy === 0 && this.#waiters.length > 0) {
      setImmediate(() => {
        if (this.#busy === 0) {
          this.#waiters.splice(0).forEach((resolve) => resolve());
        }
      });
    }
  }
}
