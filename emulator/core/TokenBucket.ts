/**
 * A token bucket on the emulator clock. `refillPerMs` is already scaled by the
 * time scale; Infinity means the bucket never runs dry (time scale 0).
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    readonly capacity: number,
    private readonly refillPerMs: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.last = now;
  }

  private refill(now: number): void {
    if (now > this.last) {
      this.tokens = Math.min(this.capacity, this.tokens + (now - this.last) * this.refillPerMs);
      this.last = now;
    }
  }

  /** Takes one token; returns false when empty. */
  take(now: number): boolean {
    this.refill(now);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  remaining(now: number): number {
    this.refill(now);
    return Math.floor(this.tokens);
  }

  /** Milliseconds (emulator clock) until one token is available. */
  waitMs(now: number): number {
    this.refill(now);
    return this.tokens >= 1 ? 0 : (1 - this.tokens) / this.refillPerMs;
  }
}
