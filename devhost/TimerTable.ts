import type { Clock } from './Clock';

/** Durable timers armed on the clock, per instance and sequence number, so they can be cancelled. */
export class TimerTable {
  readonly #clock: Clock;
  readonly #timers = new Map<string, Map<number, () => void>>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  arm(instanceId: string, sequenceNumber: number, fireAt: Date, onFire: () => void): void {
    const timers = this.#timers.get(instanceId) ?? new Map<number, () => void>();
    this.#timers.set(instanceId, timers);
    timers.get(sequenceNumber)?.();
    const cancel = this.#clock.setTimer(fireAt, () => {
      timers.delete(sequenceNumber);
      onFire();
    });
    timers.set(sequenceNumber, cancel);
  }

  disarm(instanceId: string, sequenceNumber: number): void {
    const timers = this.#timers.get(instanceId);
    timers?.get(sequenceNumber)?.();
    timers?.delete(sequenceNumber);
  }

  disarmAll(instanceId?: string): void {
    for (const id of instanceId === undefined ? [...this.#timers.keys()] : [instanceId]) {
      this.#timers.get(id)?.forEach((cancel) => cancel());
      this.#timers.delete(id);
    }
  }
}
