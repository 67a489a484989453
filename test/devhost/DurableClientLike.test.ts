import { HttpRequest } from '@azure/functions';
import type * as df from 'durable-functions';
import { LocalDurableHost } from '../../devhost/LocalDurableHost';
import type { DurableClientLike } from '../../src/orchestrations/DurableClientLike';
import './exampleFunctions';

// Compile-time proof that both clients fit the interface HTTP handlers take.
const fromAzure = (client: df.DurableClient): DurableClientLike => client;
const fromLocal = (host: LocalDurableHost): DurableClientLike => host;

describe('DurableClientLike', () => {
  it('is satisfied by the local host, which answers like the durable HTTP starter', async () => {
    const client = fromLocal(new LocalDurableHost({ timeScale: 1_000_000 }));
    const id = await client.startNew('dh_sequence', { instanceId: 'client-1', input: 'client-1' });
    const request = new HttpRequest({ url: 'https://app.example.net/api/migrations', method: 'POST' });

    const response = client.createCheckStatusResponse(request, id);

    expect(response.status).toBe(202);
    const location = response.headers.get('Location') ?? '';
    expect(location).toMatch(
      /^https:\/\/app\.example\.net\/runtime\/webhooks\/durabletask\/instances\/client-1\?/,
    );
    expect(await response.json()).toMatchObject({ id: 'client-1', statusQueryGetUri: location });
    expect(client.createHttpManagementPayload(id).terminatePostUri).toContain(
      '/instances/client-1/terminate',
    );
    expect(typeof fromAzure).toBe('function');
  });

  it('purges only finished instances', async () => {
    const host = new LocalDurableHost({ timeScale: 1_000_000 });
    const running = await host.startNew('dh_waitForever');
    const done = await host.startNew('dh_sequence', { input: 'purge' });
    await host.waitForCompletion(done);

    await expect(host.purgeInstanceHistory(running)).rejects.toThrow(/Running/);
    await expect(host.purgeInstanceHistory(done)).resolves.toEqual({ instancesDeleted: 1 });
    await expect(host.purgeInstanceHistory(done)).resolves.toEqual({ instancesDeleted: 0 });
    await expect(host.getStatus(done)).rejects.toThrow(/404/);
  });
});
