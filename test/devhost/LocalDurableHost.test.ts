import { OrchestrationRuntimeStatus } from 'durable-functions';
import { LocalDurableHost } from '../../devhost/LocalDurableHost';
import { ManualClock } from '../../devhost/ManualClock';
import type { StateStore } from '../../devhost/StateStore';
import type { WireHistoryEvent } from '../../devhost/historyEvents';
import { callCount, squareProbe } from './exampleFunctions';

const fast = (): LocalDurableHost => new LocalDurableHost({ timeScale: 1_000_000 });

async function historyOf(host: LocalDurableHost, id: string): Promise<WireHistoryEvent[]> {
  return (await host.getStatus(id, { showHistory: true })).history as WireHistoryEvent[];
}

describe('LocalDurableHost', () => {
  it('runs a sequence of activities and records the history the extension would send', async () => {
    const host = fast();
    const id = await host.startNew('dh_sequence', { instanceId: 'seq-1', input: 'seq-1' });
    const status = await host.waitForCompletion(id);

    expect(status.runtimeStatus).toBe(OrchestrationRuntimeStatus.Completed);
    expect(status.output).toEqual(['Hello, seq-1-Tokyo!', 'Hello, seq-1-Seattle!', 'Hello, seq-1-London!']);
    expect(status.createdTime.getTime()).toBeLessThanOrEqual(status.lastUpdatedTime.getTime());
    const history = await historyOf(host, id);
    expect(history.map((e) => e.EventType)).toEqual([12, 0, 4, 13, 12, 5, 4, 13, 12, 5, 4, 13, 12, 5, 1]);
    const scheduled = history.filter((e) => e.EventType === 4);
    const completed = history.filter((e) => e.EventType === 5);
    expect(scheduled.map((e) => e.EventId)).toEqual([0, 1, 2]);
    expect(completed.map((e) => e.TaskScheduledId)).toEqual([0, 1, 2]);
    expect(completed.map((e) => e.Result)).toEqual([
      '"Hello, seq-1-Tokyo!"',
      '"Hello, seq-1-Seattle!"',
      '"Hello, seq-1-London!"',
    ]);
    // Every episode but the last has been replayed at least once.
    const lastStart = history.map((e) => e.EventType).lastIndexOf(12);
    expect(history.slice(0, lastStart).every((e) => e.IsPlayed)).toBe(true);
    expect(history.slice(lastStart).some((e) => e.IsPlayed)).toBe(false);
    expect(callCount('dh_hello', 'seq-1-Tokyo')).toBe(1);
  });

  it('fans out with Task.all, running activities concurrently up to maxConcurrentActivities', async () => {
    const host = new LocalDurableHost({ timeScale: 1_000_000, maxConcurrentActivities: 3 });
    squareProbe.holdUntil = 3;
    const id = await host.startNew('dh_fanOut', { input: [1, 2, 3, 4, 5, 6, 7, 8] });
    const status = await host.waitForCompletion(id);

    expect(status.output).toBe(204);
    // A finished instance keeps its input only as JSON; the status still gives it back.
    expect(status.input).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect((await host.getStatus(id, { showInput: false })).input).toBeNull();
    expect(squareProbe.maxRunning).toBe(3);
    const history = await historyOf(host, id);
    // All eight calls were scheduled in the first episode, with sequence numbers 0..7.
    expect(
      history
        .slice(0, 11)
        .filter((e) => e.EventType === 4)
        .map((e) => e.EventId),
    ).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('runs a sliding window that re-yields pending tasks in new Task.any calls', async () => {
    const host = fast();
    const id = await host.startNew('dh_window', { input: { key: 'win', count: 5 } });
    const status = await host.waitForCompletion(id);

    expect(status.output).toEqual([0, 1, 2, 3, 4].map((i) => `Hello, win-${i}!`));
    expect([0, 1, 2, 3, 4].map((i) => callCount('dh_hello', `win-${i}`))).toEqual([1, 1, 1, 1, 1]);
    const scheduled = (await historyOf(host, id)).filter((e) => e.EventType === 4);
    expect(scheduled.map((e) => [e.EventId, e.Input])).toEqual(
      [0, 1, 2, 3, 4].map((i) => [i, JSON.stringify(`win-${i}`)]),
    );
  });

  it('lets an external event win a Task.any race against a durable timer', async () => {
    const clock = new ManualClock();
    const host = new LocalDurableHost({ clock });
    const id = await host.startNew('dh_approval', { instanceId: 'race-event' });
    await host.whenIdle();
    expect(clock.pendingTimers).toBe(1);
    expect((await host.getStatus(id)).runtimeStatus).toBe(OrchestrationRuntimeStatus.Running);

    await host.raiseEvent(id, 'approve', 'alice');
    const status = await host.waitForCompletion(id);

    expect(status.output).toEqual({ approvedBy: 'alice' });
    expect(clock.pendingTimers).toBe(0);
  });

  it('disarms a timer the orchestrator cancels and keeps running; reports progress to listeners', async () => {
    const clock = new ManualClock();
    const host = new LocalDurableHost({ clock });
    const seen: string[] = [];
    host.onStatusChange((s) => seen.push(`${s.instanceId}:${s.runtimeStatus}`));
    const id = await host.startNew('dh_approval', { instanceId: 'race-cancel', input: { waitAfter: true } });
    await host.whenIdle();
    await host.raiseEvent(id, 'approve', 'carol');
    await host.whenIdle();

    expect(clock.pendingTimers).toBe(0);
    expect((await host.getStatus(id)).runtimeStatus).toBe(OrchestrationRuntimeStatus.Running);
    await host.raiseEvent(id, 'finish', null);
    await host.waitForCompletion(id);
    expect(seen).toEqual(['race-cancel:Running', 'race-cancel:Running', 'race-cancel:Completed']);
  });

  it('lets the durable timer win a Task.any race when no event comes', async () => {
    const clock = new ManualClock();
    const host = new LocalDurableHost({ clock });
    const id = await host.startNew('dh_approval', { instanceId: 'race-timer' });
    await host.whenIdle();
    clock.advance(59_999);
    await host.whenIdle();
    expect((await host.getStatus(id)).runtimeStatus).toBe(OrchestrationRuntimeStatus.Running);

    clock.advance(1);
    const status = await host.waitForCompletion(id);

    expect(status.output).toBe('timed out');
    const history = await historyOf(host, id);
    const fired = history.find((e) => e.EventType === 11);
    const created = history.find((e) => e.EventType === 10);
    expect(fired?.TimerId).toBe(created?.EventId);
    expect(created?.FireAt).toBe(new Date(Date.parse(history[0]!.Timestamp) + 60_000).toISOString());
  });

  it('delivers results that arrive together in one episode, as the extension batches queued messages', async () => {
    const clock = new ManualClock();
    const host = new LocalDurableHost({ clock });
    const id = await host.startNew('dh_threeTimers');
    await host.whenIdle();
    clock.advance(10_000);
    const status = await host.waitForCompletion(id);

    expect(status.output).toBe('all fired');
    const history = await historyOf(host, id);
    expect(history.map((e) => e.EventType)).toEqual([12, 0, 10, 10, 10, 13, 12, 11, 11, 11, 1]);
    expect(history.filter((e) => e.EventType === 11).map((e) => e.TimerId)).toEqual([0, 1, 2]);
  });

  it('retries a failing activity on durable timers with backoff until it succeeds', async () => {
    const clock = new ManualClock();
    const host = new LocalDurableHost({ clock });
    const id = await host.startNew('dh_retry', { input: { key: 'retry-ok', failures: 2, attempts: 3 } });
    await host.whenIdle();
    clock.advance(999);
    await host.whenIdle();
    expect(callCount('dh_flaky', 'retry-ok')).toBe(1);
    clock.advance(1); // first retry after 1000 ms
    await host.whenIdle();
    expect(callCount('dh_flaky', 'retry-ok')).toBe(2);
    clock.advance(2000); // backoffCoefficient 2: second retry after 2000 ms
    const status = await host.waitForCompletion(id);

    expect(status.output).toBe('succeeded on attempt 3');
    expect(callCount('dh_flaky', 'retry-ok')).toBe(3);
    const history = await historyOf(host, id);
    const ids = (type: number, key: 'EventId' | 'TaskScheduledId' | 'TimerId'): unknown[] =>
      history.filter((e) => e.EventType === type).map((e) => e[key]);
    expect(ids(4, 'EventId')).toEqual([0, 2, 4]);
    expect(ids(6, 'TaskScheduledId')).toEqual([0, 2]);
    expect(ids(10, 'EventId')).toEqual([1, 3]);
    expect(ids(11, 'TimerId')).toEqual([1, 3]);
    expect(ids(5, 'TaskScheduledId')).toEqual([4]);
  });

  it('keeps retry sequence numbers exact when a retry timer fires together with other timers', async () => {
    const clock = new ManualClock();
    const host = new LocalDurableHost({ clock });
    const id = await host.startNew('dh_retryWithTimers', { input: 'retry-batch' });
    await host.whenIdle();
    clock.advance(10_000); // the retry timer (1 s) and both 10 s timers fire in one turn
    const status = await host.waitForCompletion(id);

    expect(status.output).toBe('succeeded on attempt 2');
    const history = await historyOf(host, id);
    const byType = (type: number): number[] =>
      history.filter((e) => e.EventType === type).map((e) => e.EventId);
    expect(byType(4)).toEqual([0, 4]);
    expect(byType(10)).toEqual([1, 2, 3]);
    const batch = history.slice(history.findIndex((e) => e.EventType === 11) - 1);
    expect(batch.slice(0, 5).map((e) => [e.EventType, e.TimerId ?? e.EventId])).toEqual([
      [12, -1],
      [11, 3],
      [11, 1],
      [11, 2],
      [4, 4],
    ]);
  });

  it('gives up after maxNumberOfAttempts and surfaces the activity error to the orchestrator', async () => {
    const host = fast();
    const id = await host.startNew('dh_retry', { input: { key: 'retry-fail', failures: 99, attempts: 2 } });
    const status = await host.waitForCompletion(id);

    expect(status.output).toEqual({ gaveUp: expect.stringContaining('flaky failure 2 of 99') as unknown });
    expect(callCount('dh_flaky', 'retry-fail')).toBe(2);
  });

  it('runs a sub-orchestration under the given instance id', async () => {
    const host = fast();
    const id = await host.startNew('dh_parent', {
      instanceId: 'sub-ok',
      input: { key: 'sub-ok', failFirst: 0, withRetry: false },
    });
    const status = await host.waitForCompletion(id);

    expect(status.output).toEqual({ result: 'Hello, sub-ok! from sub-ok-child' });
    expect((await host.getStatus('sub-ok-child')).runtimeStatus).toBe(OrchestrationRuntimeStatus.Completed);
  });

  it('starts a finished instance id afresh, without results from its earlier run', async () => {
    const host = fast();
    const first = { key: 'rerun-a', failFirst: 0, withRetry: false };
    const second = { key: 'rerun-b', failFirst: 0, withRetry: false };
    await host.waitForCompletion(await host.startNew('dh_parent', { instanceId: 'rerun', input: first }));
    const status = await host.waitForCompletion(
      await host.startNew('dh_parent', { instanceId: 'rerun', input: second }),
    );

    expect(status.output).toEqual({ result: 'Hello, rerun-b! from rerun-child' });
    expect(callCount('dh_child', 'rerun-b')).toBe(1);
  });

  it('lets a parent catch a sub-orchestration that throws', async () => {
    const host = fast();
    const id = await host.startNew('dh_parent', {
      instanceId: 'sub-throws',
      input: { key: 'sub-throws', failFirst: 1, withRetry: false },
    });
    const status = await host.waitForCompletion(id);

    expect(status.runtimeStatus).toBe(OrchestrationRuntimeStatus.Completed);
    expect(status.output).toEqual({ caught: expect.stringContaining('child exploded (run 1)') as unknown });
    const childStatus = await host.getStatus('sub-throws-child');
    expect(childStatus.runtimeStatus).toBe(OrchestrationRuntimeStatus.Failed);
    expect(String(childStatus.output)).toContain('child exploded (run 1)');
  });

  it('retries a failed sub-orchestration under the same instance id', async () => {
    const host = fast();
    const id = await host.startNew('dh_parent', {
      instanceId: 'sub-retry',
      input: { key: 'sub-retry', failFirst: 2, withRetry: true },
    });
    const status = await host.waitForCompletion(id);

    expect(status.output).toEqual({ result: 'Hello, sub-retry! from sub-retry-child' });
    expect(callCount('dh_child', 'sub-retry')).toBe(3);
    const created = (await historyOf(host, id)).filter((e) => e.EventType === 7);
    expect(created.map((e) => [e.EventId, e.InstanceId])).toEqual([
      [0, 'sub-retry-child'],
      [2, 'sub-retry-child'],
      [4, 'sub-retry-child'],
    ]);
  });

  it('shows custom status while running and after completion', async () => {
    const host = fast();
    const id = await host.startNew('dh_customStatus');
    await host.whenIdle();
    const running = await host.getStatus(id);
    expect(running.runtimeStatus).toBe(OrchestrationRuntimeStatus.Running);
    expect(running.customStatus).toEqual({ stage: 'waiting for go' });

    await host.raiseEvent(id, 'go', { by: 'test' });
    const done = await host.waitForCompletion(id);

    expect(done.output).toBe('finished');
    expect(done.customStatus).toEqual({ stage: 'done', go: { by: 'test' } });
  });

  it('continues as new with a fresh history until the orchestrator returns', async () => {
    const host = fast();
    const seenStatuses: string[] = [];
    host.onStatusChange((s) => seenStatuses.push(s.runtimeStatus));
    const id = await host.startNew('dh_counter', { input: { key: 'can', n: 0 } });
    const status = await host.waitForCompletion(id);

    expect(status.runtimeStatus).toBe(OrchestrationRuntimeStatus.Completed);
    expect(status.output).toBe(3);
    expect(status.input).toEqual({ key: 'can', n: 3 });
    expect(seenStatuses).toContain('ContinuedAsNew');
    expect([0, 1, 2].map((n) => callCount('dh_hello', `can-${n}`))).toEqual([1, 1, 1]);
    // Only the last execution's history is kept.
    expect((await historyOf(host, id)).map((e) => e.EventType)).toEqual([12, 0, 1]);
  });

  it('terminates a running instance; later events have no effect', async () => {
    const host = fast();
    const id = await host.startNew('dh_waitForever');
    await host.whenIdle();
    await host.terminate(id, 'operator said stop');
    const status = await host.waitForCompletion(id);

    expect(status.runtimeStatus).toBe(OrchestrationRuntimeStatus.Terminated);
    expect(status.output).toBe('operator said stop');
    await host.raiseEvent(id, 'never', 1);
    await host.whenIdle();
    expect((await host.getStatus(id)).runtimeStatus).toBe(OrchestrationRuntimeStatus.Terminated);
  });

  it('rejects unknown instances and orchestrations, and duplicate running instance ids, naming them', async () => {
    const host = fast();
    await expect(host.getStatus('nope')).rejects.toThrow(/HTTP 404.*nope/);
    await expect(host.raiseEvent('nope', 'x', 1)).rejects.toThrow("No instance with ID 'nope' found.");
    await expect(host.terminate('nope', 'x')).rejects.toThrow("No instance with ID 'nope' found.");
    await expect(host.startNew('dh_missing')).rejects.toThrow(/'dh_missing'/);
    await expect(host.startNew('dh_sequence', { instanceId: 'a/b' })).rejects.toThrow(/instanceId/);
    await host.startNew('dh_waitForever', { instanceId: 'dup' });
    await expect(host.startNew('dh_waitForever', { instanceId: 'dup' })).rejects.toThrow(
      /'dup' already exists/,
    );
  });

  it('fails an orchestration that uses callHttp with a message saying it is not supported', async () => {
    const host = fast();
    const status = await host.waitForCompletion(await host.startNew('dh_callsHttp'));

    expect(status.runtimeStatus).toBe(OrchestrationRuntimeStatus.Failed);
    expect(String(status.output)).toContain('Action type 8 (callHttp, entity locks) is not supported');
  });

  it('resolves waitForCompletion with the current status on timeout', async () => {
    const host = fast();
    const id = await host.startNew('dh_waitForever');
    await host.whenIdle();
    const status = await host.waitForCompletion(id, { timeoutInMilliseconds: 5 });
    expect(status.runtimeStatus).toBe(OrchestrationRuntimeStatus.Running);
  });
});

/** A store that keeps only what it was last given, and can't read a record back. */
function forgetfulStore(): { saved: Map<string, string>; forgetful: StateStore } {
  const saved = new Map<string, string>();
  const forgetful: StateStore = {
    loadAll: () => Promise.resolve([]),
    save: (id, json) => Promise.resolve(void saved.set(id, json)),
    remove: (id) => Promise.resolve(void saved.delete(id)),
  };
  return { saved, forgetful };
}

describe('finished instances', () => {
  it('are not kept in memory with their history: it is read back from the store on demand', async () => {
    const { saved, forgetful } = forgetfulStore();
    const host = new LocalDurableHost({ timeScale: 1_000_000, store: forgetful });
    const id = await host.startNew('dh_sequence', { instanceId: 'evicted-1', input: 'evicted-1' });
    const status = await host.waitForCompletion(id);
    expect(status.output).toEqual([
      'Hello, evicted-1-Tokyo!',
      'Hello, evicted-1-Seattle!',
      'Hello, evicted-1-London!',
    ]);
    expect(JSON.parse(saved.get(id) ?? '{}')).toMatchObject({
      runtimeStatus: 'Completed',
      history: expect.any(Array),
    });
    await expect(host.getStatus(id, { showHistory: true })).rejects.toThrow(/not kept by this store/);

    // The default store reads it back, and replay still sees every action.
    const keeping = fast();
    await keeping.waitForCompletion(
      await keeping.startNew('dh_sequence', { instanceId: 'evicted-2', input: 'x' }),
    );
    expect((await historyOf(keeping, 'evicted-2')).map((e) => e.EventType)).toEqual([
      12, 0, 4, 13, 12, 5, 4, 13, 12, 5, 4, 13, 12, 5, 1,
    ]);
    const replay = await keeping.replay('evicted-2');
    expect(replay.replayed).toEqual(replay.recorded);
    expect(replay.recorded).toHaveLength(3);
  });

  it("keep a sub-orchestration's input and output only in the store: read back when asked for, a run's own kept", async () => {
    const input = { key: 'slim', failFirst: 0, withRetry: false };
    const keeping = fast();
    await keeping.waitForCompletion(await keeping.startNew('dh_parent', { instanceId: 'slim', input }));
    const child = await keeping.getStatus('slim-child');
    expect(child.runtimeStatus).toBe(OrchestrationRuntimeStatus.Completed);
    expect(child.input).toEqual(input);
    expect(child.output).toBe('Hello, slim! from slim-child');

    // With a store that can't give records back, the child's status is all the host can tell.
    const { saved, forgetful } = forgetfulStore();
    const host = new LocalDurableHost({ timeScale: 1_000_000, store: forgetful });
    const parent = await host.waitForCompletion(
      await host.startNew('dh_parent', { instanceId: 'slim', input }),
    );
    expect(parent.output).toEqual({ result: 'Hello, slim! from slim-child' });
    expect(parent.input).toEqual(input);
    const slim = await host.getStatus('slim-child');
    expect(slim.runtimeStatus).toBe(OrchestrationRuntimeStatus.Completed);
    expect(slim.input).toBeNull();
    expect(slim.output).toBeNull();
    expect(JSON.parse(saved.get('slim-child') ?? '{}')).toMatchObject({
      input,
      output: 'Hello, slim! from slim-child',
    });
  });
});
