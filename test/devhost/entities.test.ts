import type { EntityContext, OrchestrationContext } from 'durable-functions';
import * as df from 'durable-functions';
import { OrchestrationRuntimeStatus } from 'durable-functions';
import { LocalDurableHost } from '../../devhost/LocalDurableHost';
import { MemoryStateStore } from '../../devhost/MemoryStateStore';

/** Operations applied per entity key, to count side effects. */
const applied = new Map<string, number>();

df.app.entity('en_counter', (ctx: EntityContext<number>) => {
  const value = ctx.df.getState(() => 0) ?? 0;
  switch (ctx.df.operationName) {
    case 'add':
      applied.set(ctx.df.entityKey, (applied.get(ctx.df.entityKey) ?? 0) + 1);
      ctx.df.setState(value + (ctx.df.getInput<number>() ?? 0));
      break;
    case 'get':
      ctx.df.return(value);
      break;
    case 'boom':
      throw new Error('entity exploded');
    default:
      break;
  }
});

df.app.orchestration('en_usesCounter', function* (ctx: OrchestrationContext) {
  const id = new df.EntityId('en_counter', ctx.df.getInput<string>());
  ctx.df.signalEntity(id, 'add', 5);
  yield ctx.df.callEntity(id, 'add', 2);
  const value: unknown = yield ctx.df.callEntity(id, 'get');
  let failed = false;
  try {
    yield ctx.df.callEntity(id, 'boom');
  } catch {
    failed = true;
  }
  return { value, failed };
});

df.app.orchestration('en_signalThenWait', function* (ctx: OrchestrationContext) {
  const id = new df.EntityId('en_counter', ctx.df.getInput<string>());
  ctx.df.signalEntity(id, 'add', 5);
  yield ctx.df.waitForExternalEvent('go');
  return (yield ctx.df.callEntity(id, 'get')) as number;
});

df.app.orchestration('en_callsMissing', function* (ctx: OrchestrationContext) {
  yield ctx.df.callEntity(new df.EntityId('en_missing', 'k'), 'add', 1);
});

describe('entities', () => {
  it('serves signalEntity and callEntity from orchestrations, in order, with results and failures', async () => {
    const host = new LocalDurableHost({ timeScale: 1_000_000 });
    const status = await host.waitForCompletion(await host.startNew('en_usesCounter', { input: 'a' }));

    expect(status.runtimeStatus).toBe(OrchestrationRuntimeStatus.Completed);
    expect(status.output).toEqual({ value: 7, failed: true });
    await expect(host.readEntityState(new df.EntityId('en_counter', 'a'))).resolves.toEqual({
      entityExists: true,
      entityState: 7,
    });
    const sent = ((await host.getStatus(status.instanceId, { showHistory: true })).history ?? []) as Array<{
      EventType: number;
      EventId: number;
      InstanceId?: string;
    }>;
    expect(sent.filter((e) => e.EventType === 14).map((e) => [e.EventId, e.InstanceId])).toEqual([
      [0, '@en_counter@a'],
      [1, '@en_counter@a'],
      [2, '@en_counter@a'],
      [3, '@en_counter@a'],
    ]);
    const replay = await host.replay(status.instanceId);
    expect(replay.replayed).toEqual(replay.recorded);
  });

  it('takes client signals and keeps entity state across a restart without applying a signal twice', async () => {
    const store = new MemoryStateStore();
    const first = new LocalDurableHost({ store, timeScale: 1_000_000 });
    await first.signalEntity(new df.EntityId('en_counter', 'b'), 'add', 1);
    const id = await first.startNew('en_signalThenWait', { input: 'b' });
    await first.whenIdle();
    await first.stop();

    const second = new LocalDurableHost({ store, timeScale: 1_000_000 });
    await second.resume(); // re-sends the orchestration's signal; the entity has already processed it
    await second.raiseEvent(id, 'go', null);
    const status = await second.waitForCompletion(id);

    expect(status.output).toBe(6);
    expect(applied.get('b')).toBe(2);
  });

  it('fails a call to an entity that is not registered, naming it', async () => {
    const host = new LocalDurableHost({ timeScale: 1_000_000 });
    const status = await host.waitForCompletion(await host.startNew('en_callsMissing'));

    expect(status.runtimeStatus).toBe(OrchestrationRuntimeStatus.Failed);
    expect(String(status.output)).toContain("The entity function 'en_missing' is not registered.");
  });

  it('rejects instance ids that start with @, which name entities', async () => {
    const host = new LocalDurableHost();
    await expect(host.startNew('en_usesCounter', { instanceId: '@en_counter@a' })).rejects.toThrow(
      /instanceId/,
    );
  });
});
