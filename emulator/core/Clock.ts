/** The emulator's own time: milliseconds since it started. Injectable so the clock can be driven in unit tests. */
export interface Clock {
  now(): number;
}

export function systemClock(): Clock {
  const start = performance.now();
  return { now: () => performance.now() - start };
}
