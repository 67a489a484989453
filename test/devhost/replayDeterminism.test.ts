import { OrchestrationRuntimeStatus } from 'durable-functions';
import { LocalDurableHost } from '../../devhost/LocalDurableHost';
import { ManualClock } from '../../devhost/ManualClock';
import './exampleFunctions';

async function runToCompletion(host: LocalDurableHost, name: string, input: unknown): Promise<string> {
  const id = await host.startNew(name, { input });
  const status = await host.waitForCompletion(id);
  expect(status.runtimeStatus).toBe(OrchestrationRuntimeStatus.Completed);
  return id;
}

describe('replay determinism', () => {
  const cases: Array<[string, unknown]> = [
    ['dh_sequence', 'replay-seq'],
    ['dh_fanOut', [3, 4, 5]],
    ['dh_retry', { key: 'replay-retry', failures: 2, attempts: 3 }],
    ['dh_retry', { key: 'replay-giveup', failures: 9, attempts: 2 }],
    ['dh_parent', { key: 'replay-sub', failFirst: 1, withRetry: true }],
    ['dh_parent', { key: 'replay-sub-throws', failFirst: 1, withRetry: false }],
    ['dh_steps', 'replay-steps'],
    ['dh_window', { key: 'replay-window', count: 5 }],
  ];

  it.each(cases)(
    'replaying the final history of %s schedules exactly the recorded actions',
    async (name, input) => {
      const host = new LocalDurableHost({ timeScale: 1_000_000 });
      const id = await runToCompletion(host, name, input);
      const status = await host.getStatus(id);

      const replay = await host.replay(id);

      expect(replay.recorded.length).toBeGreaterThan(0);
      expect(replay.replayed).toEqual(replay.recorded);
      expect(replay.isDone).toBe(true);
      expect(replay.output).toEqual(status.output);
    },
  );

  it('replays a Task.any race won by an external event the same way', async () => {
    const host = new LocalDurableHost({ clock: new ManualClock() });
    const id = await host.startNew('dh_approval');
    await host.whenIdle();
    await host.raiseEvent(id, 'approve', 'bob');
    await host.waitForCompletion(id);

    const replay = await host.replay(id);

    expect(replay.recorded).toEqual(['6:approve', '5:@2026-01-01T00:01:00.000Z']);
    expect(replay.replayed).toEqual(replay.recorded);
    expect(replay.output).toEqual({ approvedBy: 'bob' });
  });

  it('fails an orchestrator whose replay schedules something else than its history records', async () => {
    const host = new LocalDurableHost({ timeScale: 1_000_000 });
    const id = await host.startNew('dh_nondeterministic');
    const status = await host.waitForCompletion(id);

    expect(status.runtimeStatus).toBe(OrchestrationRuntimeStatus.Failed);
    expect(String(status.output)).toMatch(/Non-deterministic workflow detected: action 1/);
  });
});
