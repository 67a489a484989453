/** Bounds how many activity executions run at once, like host.json's maxConcurrentActivityFunctions. */
export class Semaphore {
  readonly #limit: number;
  #active = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new RangeError(`maxConcurrentActivities must be a positive integer, got ${limit}`);
    }
    this.#limit = limit;
  }

  get active(): number {
    return this.#active;
  }

  async acquire(): Promise<void> {
    if (this.#active < this.#limit) {
      this.#active++;
      return;
    }
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  release(): void {
    const next = this.#waiting.shift();
    if (next) {
      next();
    } else {
      this.#active--;
    }
  }
}
