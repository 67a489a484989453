import type { Timer } from '@azure/functions';
import type { RegisteredFunction } from './functionRegistry';
import type { Schedule } from './nextOccurrence';
import { nextOccurrence, parseSchedule } from './nextOccurrence';

export interface TimerTriggerState {
  readonly name: string;
  readonly schedule: Schedule;
  /** when it fires next */
  next: Date;
}

export interface TimerTriggers {
  readonly timers: readonly TimerTriggerState[];
  stop(): void;
}

/** `%NAME%` in a schedule is an app setting, resolved when the host starts (as the Functions host does). */
export function resolveSchedule(schedule: string, env: NodeJS.ProcessEnv = process.env): string {
  return schedule.replace(/%([^%]+)%/g, (_, name: string) => {
    const value = env[name];
    if (value === undefined || value.trim() === '')
      throw new Error(`timer schedule '${schedule}': app setting ${name} is not set`);
    return value.trim();
  });
}

/**
 * Runs every timer-triggered function on its schedule (six-field NCRONTAB, UTC). Like the Functions host,
 * a timer never overlaps itself: the next occurrence is armed once the invocation has finished, and one
 * that fires late says so in `isPastDue`.
 */
export function startTimerTriggers(
  functions: readonly RegisteredFunction[],
  /** runs one invocation; resolves (never rejects) when it has finished */
  invoke: (fn: RegisteredFunction, timer: Timer) => Promise<void>,
  now: () => Date = () => new Date(),
): TimerTriggers {
  const handles = new Map<string, NodeJS.Timeout>();
  let stopped = false;
  const timers = functions
    .filter((f) => f.triggerType === 'timerTrigger')
    .map((fn) => {
      const registered = typeof fn.trigger.schedule === 'string' ? fn.trigger.schedule : '';
      const schedule = parseSchedule(resolveSchedule(registered));
      return { fn, state: { name: fn.name, schedule, next: nextOccurrence(schedule, now()) } };
    });
  const arm = (fn: RegisteredFunction, state: TimerTriggerState, last: Date | undefined): void => {
    if (stopped) return;
    const due = state.next;
    const handle = setTimeout(
      () => {
        const firedAt = now();
        const next = nextOccurrence(state.schedule, firedAt);
        const timer: Timer = {
          isPastDue: firedAt.getTime() - due.getTime() > 1000,
          schedule: { adjustForDST: false },
          scheduleStatus: {
            last: (last ?? due).toISOString(),
            next: next.toISOString(),
            lastUpdated: firedAt.toISOString(),
          },
        };
        void invoke(fn, timer).finally(() => {
          state.next = nextOccurrence(state.schedule, now());
          arm(fn, state, due);
        });
      },
      Math.max(0, due.getTime() - now().getTime()),
    );
    handles.set(fn.name, handle);
  };
  for (const { fn, state } of timers) {
    if (fn.trigger.runOnStartup === true) state.next = now();
    arm(fn, state, undefined);
  }
  return {
    timers: timers.map((t) => t.state),
    stop() {
      stopped = true;
      for (const handle of handles.values()) clearTimeout(handle);
    },
  };
}
