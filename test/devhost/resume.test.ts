import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OrchestrationRuntimeStatus } from 'durable-functions';
import { LocalDurableHost } from '../../devhost/LocalDurableHost';
import { ManualClock } from '../../devhost/ManualClock';
import { MemoryStateStore } from '../../devhost/MemoryStateStore';
import { callCount, Gate, stepGates, stepStarted } from './exampleFunctions';

const stepCounts = (key: string): number[] => [0, 1, 2, 3].map((i) => callCount('dh_step', `${key}-${i}`));

describe('LocalDurableHost persistence', () => {
  let stateDir: string;
  beforeEach(async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'devhost-'));
  });
  afterEach(async () => {
    await rm(stateDir, { recursive: true, force: true });
  });

  it('resumes a run killed mid-activity: completed activities run once, the interrupted one again', async () => {
    const held = new Gate();
    const started = new Gate();
    stepGates.set('kill-2', held);
    stepStarted.set('kill-2', started);
    const first = new LocalDurableHost({ stateDir, timeScale: 1_000_000 });
    const id = await first.startNew('dh_steps', { instanceId: 'kill', input: 'kill' });
    await started.promise;
    expect((await first.getStatus(id)).customStatus).toEqual({ stepsDone: 2 });

    await first.stop();
    held.open(); // the killed process's activity finishes; its result must go nowhere
    const second = new LocalDurableHost({ stateDir, timeScale: 1_000_000 });
    expect(await second.resume()).toBe(1);
    const status = await second.waitForCompletion(id);

    expect(status.runtimeStatus).toBe(OrchestrationRuntimeStatus.Completed);
    expect(status.output).toEqual({
      done: [0, 1, 2, 3],
      greetings: ['Hello, kill-c0! from kill:0:5', 'Hello, kill-c1! from kill:0:6'],
    });
    expect(stepCounts('kill')).toEqual([1, 1, 2, 1]);
    expect((await readdir(stateDir)).sort()).toEqual(['kill%3A0%3A5.json', 'kill%3A0%3A6.json', 'kill.json']);
    await expect(second.getStatus('kill:0:5')).resolves.toMatchObject({ runtimeStatus: 'Completed' });
  });

  it('resumes a run killed while a durable timer was pending, re-arming it on the new clock', async () => {
    const clock = new ManualClock(new Date('2026-03-01T00:00:00Z'));
    const first = new LocalDurableHost({ stateDir, clock });
    const id = await first.startNew('dh_steps', { instanceId: 'timer-kill', input: 'timer-kill' });
    await first.whenIdle();
    expect(clock.pendingTimers).toBe(1);
    await first.stop();
    expect(clock.pendingTimers).toBe(0);

    const later = new ManualClock(new Date('2026-03-01T00:05:00Z'));
    const second = new LocalDurableHost({ stateDir, clock: later });
    await second.resume();
    const status = await second.waitForCompletion(id);

    expect(status.runtimeStatus).toBe(OrchestrationRuntimeStatus.Completed);
    expect(stepCounts('timer-kill')).toEqual([1, 1, 1, 1]);
    expect(callCount('dh_hello', 'timer-kill-c0')).toBe(1);
  });

  it('keeps a raised event that arrived just before the kill', async () => {
    const store = new MemoryStateStore();
    const first = new LocalDurableHost({ store, timeScale: 1_000_000 });
    const id = await first.startNew('dh_customStatus', { instanceId: 'event-kill' });
    await first.whenIdle();
    await first.raiseEvent(id, 'go', 'before the kill');
    await first.stop();

    const second = new LocalDurableHost({ store, timeScale: 1_000_000 });
    await second.resume();
    const status = await second.waitForCompletion(id);

    expect(status.customStatus).toEqual({ stage: 'done', go: 'before the kill' });
  });

  it('refuses to resume an instance whose orchestration is not registered, naming it', async () => {
    const store = new MemoryStateStore();
    const first = new LocalDurableHost({ store });
    await first.startNew('dh_waitForever', { instanceId: 'orphan' });
    await first.whenIdle();
    await first.stop();
    const json = JSON.stringify({ ...(await store.loadAll())[0], name: 'dh_gone' });
    await store.save('orphan', json);

    await expect(new LocalDurableHost({ store }).resume()).rejects.toThrow(/'dh_gone' \(instance orphan\)/);
  });
});
