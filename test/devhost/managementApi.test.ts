import type { HttpRequest, InvocationContext as Context } from '@azure/functions';
import { app, HttpRequest as Request, InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { invokeHttpFunction } from '../../devhost/invokeHttpFunction';
import { LocalDurableHost } from '../../devhost/LocalDurableHost';
import type { ManagementApi } from '../../devhost/managementApi';
import { startManagementApi } from '../../devhost/managementApi';
import type { DurableClientLike } from '../../src/orchestrations/DurableClientLike';
import './exampleFunctions';

const clientInput = df.input.durableClient();

// An HTTP starter written exactly as for Azure.
app.http('ma_start', {
  route: 'ma/start',
  methods: ['POST'],
  extraInputs: [clientInput],
  handler: async (request: HttpRequest, context: Context) => {
    const client = df.getClient(context);
    const { input } = (await request.json()) as { input: string };
    const instanceId = await client.startNew('dh_sequence', { input });
    return client.createCheckStatusResponse(request, instanceId);
  },
});

function realClient(api: ManagementApi): DurableClientLike {
  const context = new InvocationContext({ options: { extraInputs: [clientInput] } });
  context.extraInputs.set(clientInput, api.clientData);
  return df.getClient(context);
}

describe('local management API', () => {
  let host: LocalDurableHost;
  let api: ManagementApi;
  beforeEach(async () => {
    host = new LocalDurableHost({ timeScale: 1_000_000 });
    api = await startManagementApi(host);
  });
  afterEach(async () => {
    await api.close();
  });

  it('lets an unchanged HTTP starter use df.getClient(context) against the local host', async () => {
    const request = new Request({
      url: 'http://localhost:7071/api/ma/start',
      method: 'POST',
      body: { string: JSON.stringify({ input: 'via-http' }) },
    });

    const response = await invokeHttpFunction('ma_start', request, { durableClient: api.clientData });

    expect(response.status).toBe(202);
    const payload = (await response.json()) as { id: string; statusQueryGetUri: string };
    expect(response.headers.get('Location')).toBe(payload.statusQueryGetUri);
    expect(payload.statusQueryGetUri).toContain(`/runtime/webhooks/durabletask/instances/${payload.id}`);
    const status = await host.waitForCompletion(payload.id);
    expect(status.output).toEqual([
      'Hello, via-http-Tokyo!',
      'Hello, via-http-Seattle!',
      'Hello, via-http-London!',
    ]);
  });

  it('serves every DurableClientLike verb to the real df.DurableClient', async () => {
    const client = realClient(api);
    const id = await client.startNew('dh_customStatus', { instanceId: 'ma-verbs' });
    await host.whenIdle();
    await expect(client.getStatus(id)).resolves.toMatchObject({
      runtimeStatus: 'Running',
      customStatus: { stage: 'waiting for go' },
    });

    await client.raiseEvent(id, 'go', { from: 'real client' });
    await host.waitForCompletion(id);
    const done = await client.getStatus(id, { showHistory: true });

    expect(done).toMatchObject({ runtimeStatus: 'Completed', output: 'finished' });
    expect(done.createdTime).toBeInstanceOf(Date);
    expect(done.history?.length).toBeGreaterThan(0);
    await expect(client.raiseEvent(id, 'go', 1)).resolves.toBeUndefined();
    await expect(client.purgeInstanceHistory(id)).resolves.toEqual({ instancesDeleted: 1 });

    const waiting = await client.startNew('dh_waitForever');
    await client.terminate(waiting, 'stop');
    await expect(host.waitForCompletion(waiting)).resolves.toMatchObject({ runtimeStatus: 'Terminated' });
  });

  it('fails like the real client does, so handlers behave the same against either', async () => {
    const clients: DurableClientLike[] = [realClient(api), host];
    for (const client of clients) {
      await expect(client.raiseEvent('nope', 'x', 1)).rejects.toThrow("No instance with ID 'nope' found.");
      await expect(client.terminate('nope', 'x')).rejects.toThrow("No instance with ID 'nope' found.");
      await expect(client.getStatus('nope')).rejects.toThrow(/HTTP 404.*nope/);
      await expect(client.purgeInstanceHistory('nope')).resolves.toEqual({ instancesDeleted: 0 });
    }
  });
});
