import type { OrchestrationContext } from 'durable-functions';
import * as df from 'durable-functions';
import { LocalDurableHost } from '../../../devhost/LocalDurableHost';
import type { WireHistoryEvent } from '../../../devhost/historyEvents';
import { HistoryEventType } from '../../../devhost/historyEvents';
import { DualstackError } from '../../../src/azure/DualstackError';
import { callActivityRetrying } from '../../../src/orchestrations/callActivityRetrying';
import type { ActivityRef } from '../../../src/orchestrations/durableTasks';
import type { RetryPolicy } from '../../../src/orchestrations/retryDelayMs';
import { retryDelayMs } from '../../../src/orchestrations/retryDelayMs';
import { describeTaskFailure } from '../../../src/orchestrations/taskFailure';
// Registers the app's exception-properties provider: without it a DualstackError
// would reach the orchestrator unclassified, and nothing would ever be retried.
import '../../../src/functions/durableActivities';

interface Scenario {
  /** how many calls fail before one succeeds */
  failures: number;
  retryable: boolean;
  retryAfterMs?: number;
  maxAttempts: number;
}

type Outcome = { result: number } | { failed: string; retryable: boolean; message: string };

const calls = new Map<string, number>();

const flakyRef: ActivityRef<Scenario & { key: string }, number> = { name: 'car_flaky' };

df.app.activity(flakyRef.name, {
  handler: (input: Scenario & { key: string }) => {
    const call = (calls.get(input.key) ?? 0) + 1;
    calls.set(input.key, call);
    if (call <= input.failures)
      throw new DualstackError({
        code: input.retryable ? 'TooManyRequests' : 'InvalidResourceReference',
        detail: `call ${call} of ${input.key}`,
        retryable: input.retryable,
        status: input.retryable ? 429 : 400,
        ...(input.retryAfterMs !== undefined ? { retryAfterMs: input.retryAfterMs } : {}),
      });
    return call;
  },
});

const backoff = { firstDelayMs: 1000, backoffCoefficient: 2, maxDelayMs: 3000 };
// 429s get a longer allowance of their own (see retryDelayMs.test.ts); here both are the scenario's.
const policy = (maxAttempts: number): RetryPolicy => ({
  maxAttempts,
  maxThrottledAttempts: maxAttempts,
  ...backoff,
});

df.app.orchestration('car_orchestrate', function* (ctx: OrchestrationContext) {
  const scenario = ctx.df.getInput<Scenario>();
  try {
    const result = yield* callActivityRetrying(
      ctx,
      flakyRef,
      { ...scenario, key: ctx.df.instanceId },
      policy(scenario.maxAttempts),
    );
    return { result } satisfies Outcome;
  } catch (error) {
    const failure = describeTaskFailure(error);
    return { failed: failure.code, retryable: failure.retryable, message: failure.message } satisfies Outcome;
  }
});

const host = new LocalDurableHost({ timeScale: 1_000_000 });

afterAll(() => host.stop());

async function run(instanceId: string, scenario: Scenario): Promise<{ outcome: Outcome; waits: number[] }> {
  await host.startNew('car_orchestrate', { instanceId, input: scenario });
  const done = await host.waitForCompletion(instanceId);
  expect(done.runtimeStatus).toBe('Completed');
  const history = (await host.getStatus(instanceId, { showHistory: true })).history as WireHistoryEvent[];
  // Each wait between attempts is a durable timer: how long it was set for, in orchestration time.
  const waits = history
    .filter((e) => e.EventType === HistoryEventType.TimerCreated)
    .map((e) => Date.parse(e.FireAt ?? '') - Date.parse(e.Timestamp));
  return { outcome: done.output as Outcome, waits };
}

const expectedWaits = (timers: number): number[] =>
  Array.from({ length: timers }, (_, i) =>
    retryDelayMs(policy(timers + 1), i + 1, { code: 'TooManyRequests', message: '', retryable: true }),
  );

/** What the orchestration caught: the error of the activity's `call`-th call, classified. */
const failureOf = (instanceId: string, call: number, code: string, retryable: boolean): Outcome => ({
  failed: code,
  retryable,
  message: expect.stringContaining(`call ${call} of ${instanceId}`) as string,
});

describe('callActivityRetrying', () => {
  it('retries retryable failures on durable timers until the activity succeeds', async () => {
    const { outcome, waits } = await run('car_recovers', { failures: 3, retryable: true, maxAttempts: 5 });

    expect(outcome).toEqual({ result: 4 });
    expect(calls.get('car_recovers')).toBe(4);
    expect(waits).toEqual(expectedWaits(3));
  });

  it("waits at least the service's Retry-After between attempts", async () => {
    const { outcome, waits } = await run('car_retry_after', {
      failures: 3,
      retryable: true,
      retryAfterMs: 2500,
      maxAttempts: 5,
    });

    expect(outcome).toEqual({ result: 4 });
    // Backoff alone would be 1000, 2000, 3000: Retry-After lengthens the first two.
    expect(waits).toEqual([2500, 2500, 3000]);
  });

  it('rethrows a terminal failure at once, without waiting or calling again', async () => {
    const { outcome, waits } = await run('car_terminal', { failures: 5, retryable: false, maxAttempts: 5 });

    expect(outcome).toEqual(failureOf('car_terminal', 1, 'InvalidResourceReference', false));
    expect(calls.get('car_terminal')).toBe(1);
    expect(waits).toEqual([]);
  });

  it('rethrows the last retryable failure once maxAttempts calls have failed', async () => {
    const { outcome, waits } = await run('car_exhausted', { failures: 10, retryable: true, maxAttempts: 3 });

    expect(outcome).toEqual(failureOf('car_exhausted', 3, 'TooManyRequests', true));
    expect(calls.get('car_exhausted')).toBe(3);
    expect(waits).toEqual(expectedWaits(2));
  });
});
