import { registerMonitorExtensions } from '../../../emulator/monitor/registerMonitorExtensions';
import { REFERENCE_SUBSCRIPTION_ID } from '../../../estates/referenceLayout';
import { referenceTopology } from '../../../estates/referenceTopology';
import { armClientOptions } from '../../../src/azure/armClientOptions';
import { DEFAULT_RETRY_OPTIONS } from '../../../src/azure/AzureConnection';
import { monitorClient } from '../../../src/azure/monitorClient';
import { networkClient } from '../../../src/azure/networkClient';
import { deferLongRetryAfterPolicyName } from '../../../src/azure/deferLongRetryAfterPolicy';
import { preconditionsOnWritesPolicyName } from '../../../src/azure/preconditionsOnWritesPolicy';
import { startNetworkEmulator, type NetworkEmulator } from './emulatorClients';

describe('ARM client options', () => {
  it('targets public ARM by default, with low SDK retries, the If-Match guard and the Retry-After cap', () => {
    const options = armClientOptions({ credential: { getToken: () => Promise.resolve(null) } });
    expect(options).toMatchObject({
      endpoint: 'https://management.azure.com',
      $host: 'https://management.azure.com',
      credentialScopes: ['https://management.azure.com/.default'],
      retryOptions: DEFAULT_RETRY_OPTIONS,
    });
    expect(options.tlsOptions).toBeUndefined();
    expect(options.additionalPolicies?.map((p) => [p.policy.name, p.position])).toEqual([
      [preconditionsOnWritesPolicyName, 'perCall'],
      [deferLongRetryAfterPolicyName, 'perRetry'],
    ]);
  });

  it('refuses a plain-HTTP endpoint, naming the field', () => {
    expect(() =>
      armClientOptions({
        credential: { getToken: () => Promise.resolve(null) },
        armEndpoint: 'http://127.0.0.1:1',
      }),
    ).toThrow(/armEndpoint: 'http:\/\/127.0.0.1:1' must be an https URL/);
  });

  it('names a missing subscription id', () => {
    const conn = { credential: { getToken: () => Promise.resolve(null) } };
    expect(() => networkClient(conn, '')).toThrow(/subscriptionId/);
    expect(() => monitorClient(conn, '')).toThrow(/subscriptionId/);
  });
});

describe('clients against the emulator (HTTPS, its CA trusted, certificates checked)', () => {
  let net: NetworkEmulator;
  const topology = referenceTopology();

  beforeAll(async () => {
    registerMonitorExtensions();
    net = await startNetworkEmulator({ topology });
  });
  afterAll(async () => {
    await net.emulator.stop();
  });

  it('networkClient reaches Microsoft.Network with api-version 2025-05-01', async () => {
    const client = networkClient(net.connection, REFERENCE_SUBSCRIPTION_ID);
    const seen: string[] = [];
    client.pipeline.addPolicy({
      name: 'seeApiVersion',
      sendRequest: (req, next) => {
        seen.push(new URL(req.url).searchParams.get('api-version') ?? '');
        return next(req);
      },
    });
    const vnets = [];
    for await (const v of client.virtualNetworks.listAll()) vnets.push(v);
    expect(vnets.length).toBe(topology.filter((r) => r.type === 'Microsoft.Network/virtualNetworks').length);
    expect(new Set(seen)).toEqual(new Set(['2025-05-01']));
  });

  it('monitorClient reaches Microsoft.Insights through the same connection', async () => {
    const firewall = topology.find((r) => r.type === 'Microsoft.Network/azureFirewalls');
    const client = monitorClient(net.connection, REFERENCE_SUBSCRIPTION_ID);
    // the resource URI parameter is spliced after the host's '/', so it goes without its leading '/'
    const settings = await client.diagnosticSettings.list(firewall?.id.slice(1) ?? '');
    expect(settings.value).toEqual([]);
  });

  it('fails TLS against the emulator when its CA is not trusted', async () => {
    const untrusted = networkClient({ ...net.connection, tlsCa: undefined }, REFERENCE_SUBSCRIPTION_ID);
    await expect(untrusted.virtualNetworks.get('rg-hub', 'vnet-hub')).rejects.toThrow(/certificate/i);
  });
});
