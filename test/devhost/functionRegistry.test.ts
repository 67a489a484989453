import { findRegisteredFunction, listRegisteredFunctions } from '../../devhost/functionRegistry';
import './exampleFunctions';

describe('function registry', () => {
  it('sees what df.app.* and app.http registered, with their trigger types', () => {
    const byName = new Map(listRegisteredFunctions().map((f) => [f.name, f]));

    expect(byName.get('dh_sequence')?.triggerType).toBe('orchestrationTrigger');
    expect(byName.get('dh_hello')?.triggerType).toBe('activityTrigger');
    expect(byName.get('dh_httpStart')?.triggerType).toBe('httpTrigger');
    expect(byName.get('dh_httpStart')?.trigger).toMatchObject({ route: 'dh/start', methods: ['POST'] });
  });

  it('finds functions case-insensitively, only under their own trigger type', () => {
    expect(findRegisteredFunction('DH_SEQUENCE', 'orchestrationTrigger')?.name).toBe('dh_sequence');
    expect(findRegisteredFunction('dh_sequence', 'activityTrigger')).toBeUndefined();
    expect(findRegisteredFunction('dh_unknown', 'activityTrigger')).toBeUndefined();
  });

  it('refuses a second function with the same name, as the Functions host does', async () => {
    const df = await import('durable-functions');
    expect(() => df.app.activity('DH_HELLO', { handler: () => 1 })).toThrow(
      /'DH_HELLO' is already registered/,
    );
  });
});
