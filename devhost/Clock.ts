/** Time source for the local host: orchestrator time (currentUtcDateTime) and durable timers both follow it. */
export interface Clock {
  now(): Date;
  /** Calls `callback` once the clock reaches `at`; returns a function that cancels the call. */
  setTimer(at: Date, callback: () => void): () => void;
}
