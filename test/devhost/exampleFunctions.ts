/**
 * Small orchestrations and activities registered exactly as the app registers its own (df.app.* on top of
 * @azure/functions), so the tests exercise the same capture path the product uses.
 */
import { appendFile } from 'node:fs/promises';
import { app } from '@azure/functions';
import type { ActivityHandler, OrchestrationContext, OrchestrationHandler, Task } from 'durable-functions';
import * as df from 'durable-functions';

/** Calls per activity and key, to count side effects. */
export const calls = new Map<string, number>();

function countCall(activity: string, key: string): number {
  const id = `${activity}/${key}`;
  const n = (calls.get(id) ?? 0) + 1;
  calls.set(id, n);
  return n;
}

export function callCount(activity: string, key: string): number {
  return calls.get(`${activity}/${key}`) ?? 0;
}

/** A promise a test opens by hand: lets an activity block without real sleeps. */
export class Gate {
  readonly promise: Promise<void>;
  open!: () => void;
  constructor() {
    this.promise = new Promise((resolve) => (this.open = resolve));
  }
}

const hello: ActivityHandler = (input: unknown): string => {
  countCall('dh_hello', String(input));
  return `Hello, ${String(input)}!`;
};
df.app.activity('dh_hello', { handler: hello });

df.app.orchestration('dh_sequence', function* (ctx: OrchestrationContext) {
  const key = ctx.df.getInput<string>();
  const out: unknown[] = [];
  for (const city of ['Tokyo', 'Seattle', 'London']) {
    out.push(yield ctx.df.callActivity('dh_hello', `${key}-${city}`));
  }
  return out;
});

/** Concurrency probe: tracks how many `dh_square` calls run at once; a test can hold them at a gate. */
export const squareProbe = { running: 0, maxRunning: 0, holdUntil: 0, gate: new Gate() };

df.app.activity('dh_square', {
  handler: async (n: unknown): Promise<number> => {
    squareProbe.running++;
    squareProbe.maxRunning = Math.max(squareProbe.maxRunning, squareProbe.running);
    if (squareProbe.running >= squareProbe.holdUntil) {
      squareProbe.gate.open();
    }
    await squareProbe.gate.promise;
    squareProbe.running--;
    return Number(n) * Number(n);
  },
});

df.app.orchestration('dh_fanOut', function* (ctx: OrchestrationContext) {
  const numbers = ctx.df.getInput<number[]>();
  const squares = (yield ctx.df.Task.all(
    numbers.map((n) => ctx.df.callActivity('dh_square', n)),
  )) as number[];
  return squares.reduce((a, b) => a + b, 0);
});

/** A sliding window: at most two activities in flight, a new one started as each finishes (Task.any). */
df.app.orchestration('dh_window', function* (ctx: OrchestrationContext) {
  const { key, count } = ctx.df.getInput<{ key: string; count: number }>();
  const pending: Task[] = [];
  const results: string[] = [];
  let next = 0;
  while (next < count || pending.length > 0) {
    while (next < count && pending.length < 2) {
      pending.push(ctx.df.callActivity('dh_hello', `${key}-${next++}`));
    }
    const winner = (yield ctx.df.Task.any(pending)) as Task;
    pending.splice(pending.indexOf(winner), 1);
    results.push(winner.result as string);
  }
  return results.sort();
});

/** Races an `approve` event against a 60 s durable timer. */
df.app.orchestration('dh_approval', function* (ctx: OrchestrationContext) {
  const deadline = new Date(ctx.df.currentUtcDateTime.getTime() + 60_000);
  const timer = ctx.df.createTimer(deadline);
  const approval = ctx.df.waitForExternalEvent('approve');
  const winner = (yield ctx.df.Task.any([approval, timer])) as Task;
  if (winner === approval) {
    timer.cancel();
    if (ctx.df.getInput<{ waitAfter?: boolean } | undefined>()?.waitAfter) {
      yield ctx.df.waitForExternalEvent('finish');
    }
    return { approvedBy: approval.result };
  }
  return 'timed out';
});

/** Three durable timers due at the same moment. */
df.app.orchestration('dh_threeTimers', function* (ctx: OrchestrationContext) {
  const due = new Date(ctx.df.currentUtcDateTime.getTime() + 10_000);
  yield ctx.df.Task.all([0, 1, 2].map(() => ctx.df.createTimer(due)));
  return 'all fired';
});

/** Fails the first `failures` calls for a key, then succeeds. */
df.app.activity('dh_flaky', {
  handler: (input: unknown): string => {
    const { key, failures } = input as { key: string; failures: number };
    const n = countCall('dh_flaky', key);
    if (n <= failures) {
      throw new Error(`flaky failure ${n} of ${failures}`);
    }
    return `succeeded on attempt ${n}`;
  },
});

df.app.orchestration('dh_retry', function* (ctx: OrchestrationContext) {
  const input = ctx.df.getInput<{ key: string; failures: number; attempts: number }>();
  const options = new df.RetryOptions(1000, input.attempts);
  options.backoffCoefficient = 2;
  try {
    return (yield ctx.df.callActivityWithRetry('dh_flaky', options, input)) as string;
  } catch (error) {
    return { gaveUp: (error as Error).message };
  }
});

/** A retried call and two timers awaited together, so a retry event shares an episode with other results. */
df.app.orchestration('dh_retryWithTimers', function* (ctx: OrchestrationContext) {
  const key = ctx.df.getInput<string>();
  const due = new Date(ctx.df.currentUtcDateTime.getTime() + 10_000);
  const retried = ctx.df.callActivityWithRetry('dh_flaky', new df.RetryOptions(1000, 3), {
    key,
    failures: 1,
  });
  const [result] = (yield ctx.df.Task.all([retried, ctx.df.createTimer(due), ctx.df.createTimer(due)])) as [
    string,
  ];
  return result;
});

const child: OrchestrationHandler = function* (ctx: OrchestrationContext) {
  const input = ctx.df.getInput<{ key: string; failFirst: number }>();
  const greeting = (yield ctx.df.callActivity('dh_hello', input.key)) as string;
  const n = countCall('dh_child', input.key);
  if (n <= input.failFirst) {
    throw new Error(`child exploded (run ${n})`);
  }
  return `${greeting} from ${ctx.df.instanceId}`;
};
df.app.orchestration('dh_child', child);

df.app.orchestration('dh_parent', function* (ctx: OrchestrationContext) {
  const input = ctx.df.getInput<{ key: string; failFirst: number; withRetry: boolean }>();
  const childId = `${ctx.df.instanceId}-child`;
  try {
    const result: unknown = input.withRetry
      ? yield ctx.df.callSubOrchestratorWithRetry('dh_child', new df.RetryOptions(500, 3), input, childId)
      : yield ctx.df.callSubOrchestrator('dh_child', input, childId);
    return { result };
  } catch (error) {
    return { caught: (error as Error).message };
  }
});

df.app.orchestration('dh_customStatus', function* (ctx: OrchestrationContext) {
  ctx.df.setCustomStatus({ stage: 'waiting for go' });
  const go: unknown = yield ctx.df.waitForExternalEvent('go');
  ctx.df.setCustomStatus({ stage: 'done', go });
  return 'finished';
});

df.app.orchestration('dh_counter', function* (ctx: OrchestrationContext) {
  const { key, n } = ctx.df.getInput<{ key: string; n: number }>();
  if (n >= 3) {
    return n;
  }
  yield ctx.df.callActivity('dh_hello', `${key}-${n}`);
  ctx.df.continueAsNew({ key, n: n + 1 });
  return undefined;
});

df.app.orchestration('dh_waitForever', function* (ctx: OrchestrationContext) {
  yield ctx.df.waitForExternalEvent('never');
  return 'unreachable';
});

/** Steps run one after another; a test can hold one step at a gate to "kill" the host mid-activity. */
export const stepGates = new Map<string, Gate>();
/** Opened when the step with that key starts. */
export const stepStarted = new Map<string, Gate>();

df.app.activity('dh_step', {
  handler: async (input: unknown): Promise<number> => {
    const { key, i } = input as { key: string; i: number };
    countCall('dh_step', `${key}-${i}`);
    stepStarted.get(`${key}-${i}`)?.open();
    const gate = stepGates.get(`${key}-${i}`);
    if (gate) {
      await gate.promise;
    }
    return i;
  },
});

df.app.orchestration('dh_steps', function* (ctx: OrchestrationContext) {
  const key = ctx.df.getInput<string>();
  const done: number[] = [];
  for (let i = 0; i < 4; i++) {
    done.push((yield ctx.df.callActivity('dh_step', { key, i })) as number);
    ctx.df.setCustomStatus({ stepsDone: done.length });
  }
  const timer = new Date(ctx.df.currentUtcDateTime.getTime() + 30_000);
  yield ctx.df.createTimer(timer);
  const children = [0, 1].map((c) =>
    ctx.df.callSubOrchestrator('dh_child', { key: `${key}-c${c}`, failFirst: 0 }),
  );
  const greetings = (yield ctx.df.Task.all(children)) as string[];
  return { done, greetings };
});

/**
 * Appends its key to a side-effect file, so runs in different processes can be counted. In a process started with
 * DEVHOST_HANG_STEP=<i>, step i announces itself on stdout and never finishes (it is killed there).
 */
df.app.activity('dh_fileStep', {
  handler: async (input: unknown): Promise<number> => {
    const { file, i } = input as { file: string; i: number };
    await appendFile(file, `${i}\n`, 'utf8');
    if (process.env.DEVHOST_HANG_STEP === String(i)) {
      process.stdout.write(`STEP ${i} STARTED\n`);
      await new Promise(() => undefined);
    }
    return i;
  },
});

df.app.orchestration('dh_fileSteps', function* (ctx: OrchestrationContext) {
  const file = ctx.df.getInput<string>();
  const done: number[] = [];
  for (let i = 0; i < 4; i++) {
    done.push((yield ctx.df.callActivity('dh_fileStep', { file, i })) as number);
  }
  return done;
});

df.app.orchestration('dh_callsHttp', function* (ctx: OrchestrationContext) {
  yield ctx.df.callHttp({ method: 'GET', url: 'https://example.invalid/' });
  return 'unreachable';
});

/** Not deterministic on purpose: schedules a different activity on every replay. */
let replayCounter = 0;
df.app.orchestration('dh_nondeterministic', function* (ctx: OrchestrationContext) {
  replayCounter++;
  yield ctx.df.callActivity('dh_hello', 'first');
  yield ctx.df.callActivity(replayCounter % 2 === 0 ? 'dh_hello' : 'dh_square', 2);
  return 'never consistent';
});

app.http('dh_httpStart', {
  route: 'dh/start',
  methods: ['POST'],
  handler: () => ({ status: 202 }),
});
