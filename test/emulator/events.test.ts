import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EmittedEvent, EmulatorHandle } from '../../emulator/EmulatorOptions';
import { SUBSCRIPTION_VALIDATION_EVENT } from '../../emulator/core/EventBus';
import { DEFAULT_PRINCIPAL_ID, EMULATOR_TENANT_ID } from '../../emulator/emulatorCredential';
import { networkClient, networkId, POLL, RG, startTestEmulator, SUB, vnetBody } from './emulatorTestKit';

const OID_CLAIM = 'http://schemas.microsoft.com/identity/claims/objectidentifier';

/**
 * A real HTTP subscriber, like an Event Grid webhook endpoint: it answers the validation handshake by echoing the
 * code (or, with `handshake: 'refuse'`, with a 200 that doesn't) and records every event delivered after it.
 */
async function startSubscriber(handshake: 'answer' | 'refuse' = 'answer'): Promise<{
  url: string;
  received: EmittedEvent[];
  validations: { header: string | undefined; event: EmittedEvent }[];
  next(n: number): Promise<void>;
  close(): Promise<void>;
}> {
  const received: EmittedEvent[] = [];
  const validations: { header: string | undefined; event: EmittedEvent }[] = [];
  let waiters: (() => void)[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const events = JSON.parse(Buffer.concat(chunks).toString('utf8')) as EmittedEvent[];
      const [first] = events;
      if (first && String(first.eventType) === SUBSCRIPTION_VALIDATION_EVENT) {
        validations.push({ header: req.headers['aeg-event-type'] as string | undefined, event: first });
        const code = handshake === 'answer' ? first.data.validationCode : 'not-the-code';
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ validationResponse: code }));
      } else {
        received.push(...events);
        res.writeHead(200).end();
      }
      for (const w of waiters) w();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`,
    received,
    validations,
    next: (n) =>
      new Promise<void>((resolve) => {
        const check = (): void => {
          if (received.length >= n) {
            waiters = waiters.filter((w) => w !== check);
            resolve();
          }
        };
        waiters.push(check);
        check();
      }),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe('Event Grid resource events', () => {
  let handle: EmulatorHandle;
  let subscriber: Awaited<ReturnType<typeof startSubscriber>>;
  const events: EmittedEvent[] = [];
  beforeAll(async () => {
    subscriber = await startSubscriber();
    handle = await startTestEmulator({ eventWebhooks: [subscriber.url] });
    handle.onEvent((e) => events.push(e));
  });
  afterAll(async () => {
    await handle.stop();
    await subscriber.close();
  });

  it('emits ResourceWriteSuccess in the Event Grid schema after the write succeeds, to listeners and webhooks', async () => {
    const client = networkClient(handle);
    await client.virtualNetworks.beginCreateOrUpdateAndWait(RG, 'ev-vnet', vnetBody('10.60.0.0/16'), POLL);
    const id = networkId('virtualNetworks', 'ev-vnet');
    expect(events).toHaveLength(1);
    const event = events[0]!;
    expect(event).toMatchObject({
      topic: `/subscriptions/${SUB}`,
      subject: id,
      eventType: 'Microsoft.Resources.ResourceWriteSuccess',
      metadataVersion: '1',
      data: {
        authorization: {
          scope: id,
          action: 'Microsoft.Network/virtualNetworks/write',
          evidence: { principalType: 'ServicePrincipal' },
        },
        operationName: 'Microsoft.Network/virtualNetworks/write',
        resourceProvider: 'Microsoft.Network',
        resourceUri: id,
        status: 'Succeeded',
        subscriptionId: SUB,
        tenantId: EMULATOR_TENANT_ID,
        correlationId: expect.any(String),
        httpRequest: { method: 'PUT', clientIpAddress: '127.0.0.1' },
      },
    });
    expect((event.data.claims as Record<string, string>)[OID_CLAIM]).toBe(DEFAULT_PRINCIPAL_ID);
    expect(new Date(event.eventTime).toISOString()).toBe(event.eventTime);
    await subscriber.next(1);
    expect(subscriber.received[0]).toEqual(event);
  });

  it('names child writes by the child type and emits ResourceDeleteSuccess after a delete', async () => {
    const client = networkClient(handle);
    events.length = 0;
    await client.subnets.beginCreateOrUpdateAndWait(
      RG,
      'ev-vnet',
      'web',
      { addressPrefix: '10.60.1.0/24' },
      POLL,
    );
    await client.virtualNetworks.beginDeleteAndWait(RG, 'ev-vnet', POLL);
    expect(events.map((e) => [e.eventType, e.data.operationName, e.subject])).toEqual([
      [
        'Microsoft.Resources.ResourceWriteSuccess',
        'Microsoft.Network/virtualNetworks/subnets/write',
        `${networkId('virtualNetworks', 'ev-vnet')}/subnets/web`,
      ],
      [
        'Microsoft.Resources.ResourceDeleteSuccess',
        'Microsoft.Network/virtualNetworks/delete',
        networkId('virtualNetworks', 'ev-vnet'),
      ],
    ]);
    await subscriber.next(3);
    expect(subscriber.received.map((e) => e.eventType)).toContain(
      'Microsoft.Resources.ResourceDeleteSuccess',
    );
  });

  it('emits nothing for a refused or failed write', async () => {
    const client = networkClient(handle, undefined, { retryOptions: { maxRetries: 0 } });
    events.length = 0;
    handle.setFaults([{ operation: 'write', probability: 1, fault: 'lroFailed' }]);
    await expect(
      client.routeTables.beginCreateOrUpdateAndWait(RG, 'ev-rt', { location: 'westeurope' }, POLL),
    ).rejects.toThrow();
    handle.setFaults([]);
    expect(events).toEqual([]);
  });

  it('validates a webhook once, before its first event, and answers the handshake with the code', () => {
    expect(subscriber.validations).toHaveLength(1);
    const [validation] = subscriber.validations;
    expect(validation?.header).toBe('SubscriptionValidation');
    expect(validation?.event).toMatchObject({
      eventType: SUBSCRIPTION_VALIDATION_EVENT,
      topic: `/subscriptions/${SUB}`,
      data: { validationCode: expect.any(String) },
      dataVersion: '2',
      metadataVersion: '1',
    });
  });

  it('delivers nothing to an endpoint that fails the handshake', async () => {
    const refusing = await startSubscriber('refuse');
    const other = await startTestEmulator({ eventWebhooks: [refusing.url] });
    try {
      const local: EmittedEvent[] = [];
      other.onEvent((e) => local.push(e));
      const client = networkClient(other);
      await client.virtualNetworks.beginCreateOrUpdateAndWait(RG, 'ev-a', vnetBody('10.61.0.0/16'), POLL);
      await client.virtualNetworks.beginCreateOrUpdateAndWait(RG, 'ev-b', vnetBody('10.62.0.0/16'), POLL);
      await other.stop();
      expect(local).toHaveLength(2);
      expect(refusing.validations).toHaveLength(1);
      expect(refusing.received).toEqual([]);
    } finally {
      await refusing.close();
    }
  });
});
