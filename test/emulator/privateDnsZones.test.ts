import { PrivateDnsManagementClient } from '@azure/arm-privatedns';
import type { EmulatorHandle } from '../../emulator/EmulatorOptions';
import { emulatorCredential } from '../../emulator/emulatorCredential';
import { privateDnsZoneResources } from '../../estates/builders/privateDnsZone';
import { preconditionFailedResourceExists } from '../../src/arm/errors/commonErrors';
import {
  autoRegisteredRecordSetReadOnly,
  invalidRecordAddress,
  privateDnsLocationNotGlobal,
  recordsOfAnotherType,
  tooManyRecords,
  virtualNetworkAlreadyLinked,
} from '../../src/arm/errors/privateDnsErrors';
import { deleteResource } from '../../src/azure/deleteResource';
import { getResource } from '../../src/azure/getResource';
import { listNetwork } from '../../src/azure/listNetwork';
import { networkClients } from '../../src/azure/networkClient';
import { putResource } from '../../src/azure/putResource';
import { armRequest, networkId, RG, startTestEmulator, SUB, vnetBody } from './emulatorTestKit';

const ZONE = networkId('privateDnsZones', 'contoso.internal');
const API = 'api-version=2020-06-01';

describe('emulated Microsoft.Network/privateDnsZones through @azure/arm-privatedns', () => {
  let handle: EmulatorHandle;
  let dns: PrivateDnsManagementClient;
  const clients = () =>
    networkClients({
      credential: emulatorCredential(),
      armEndpoint: handle.endpoint,
      tlsCa: handle.ca,
      retryOptions: { maxRetries: 0 },
    });

  beforeAll(async () => {
    handle = await startTestEmulator({ pageSize: 2 });
    handle.load([
      {
        id: networkId('virtualNetworks', 'vnet-a'),
        name: 'vnet-a',
        type: 'Microsoft.Network/virtualNetworks',
        location: 'westeurope',
        properties: vnetBody('10.1.0.0/16'),
      },
      ...privateDnsZoneResources(
        { subscriptionId: SUB, location: 'westeurope' },
        {
          resourceGroup: RG,
          zoneName: 'contoso.internal',
          links: [
            { name: 'link-a', vnetId: networkId('virtualNetworks', 'vnet-a'), registrationEnabled: true },
          ],
          aRecords: [
            { name: 'vm1', ipv4Addresses: ['10.1.0.4'], ttl: 10, autoRegistered: true },
            { name: 'app', ipv4Addresses: ['10.1.0.5', '10.1.0.6'], ttl: 300 },
          ],
        },
      ),
    ]);
    dns = new PrivateDnsManagementClient(emulatorCredential(), SUB, {
      endpoint: handle.endpoint,
      $host: handle.endpoint,
      tlsOptions: { ca: handle.ca },
      retryOptions: { maxRetries: 0 },
    });
  });
  afterAll(() => handle.stop());

  it('serves zones (global, with counts), links and record sets as separate resources, paged', async () => {
    const zone = await dns.privateZones.get(RG, 'contoso.internal');
    expect(zone).toMatchObject({ location: 'global', numberOfRecordSets: 2, numberOfVirtualNetworkLinks: 1 });
    expect(zone.numberOfVirtualNetworkLinksWithRegistration).toBe(1);
    const a: string[] = [];
    for await (const r of dns.recordSets.listByType(RG, 'contoso.internal', 'A')) a.push(r.name ?? '');
    expect(a.sort()).toEqual(['app', 'vm1']);
    const vm1 = await dns.recordSets.get(RG, 'contoso.internal', 'A', 'vm1');
    expect(vm1).toMatchObject({ fqdn: 'vm1.contoso.internal.', isAutoRegistered: true, ttl: 10 });
    expect(vm1.etag).toMatch(/^[0-9a-f-]{36}$/);
    const links = [];
    for await (const l of dns.virtualNetworkLinks.list(RG, 'contoso.internal')) links.push(l);
    expect(links).toHaveLength(1);
    expect(links[0]?.virtualNetwork?.id).toBe(networkId('virtualNetworks', 'vnet-a'));
  });

  it('the access layer lists zones with their links and A/AAAA sets, creates with If-None-Match and deletes with If-Match', async () => {
    const c = clients();
    const id = `${ZONE}/AAAA/app`;
    const created = await putResource(
      c,
      {
        id,
        name: 'app',
        type: 'Microsoft.Network/privateDnsZones/AAAA',
        properties: { ttl: 300, aaaaRecords: [{ ipv6Address: 'fd00::5' }] },
      },
      { ifNoneMatch: '*' },
    );
    expect(created.properties).toMatchObject({
      ttl: 300,
      fqdn: 'app.contoso.internal.',
      isAutoRegistered: false,
    });
    await expect(
      putResource(c, { ...created, properties: { ttl: 300 } }, { ifNoneMatch: '*' }),
    ).rejects.toMatchObject({ status: 412, code: preconditionFailedResourceExists(id).code });
    const listed = await listNetwork(c, [SUB]);
    const types = listed
      .filter((r) => r.type.startsWith('Microsoft.Network/privateDnsZones'))
      .map((r) => r.type);
    expect(types.sort()).toEqual([
      'Microsoft.Network/privateDnsZones',
      'Microsoft.Network/privateDnsZones/A',
      'Microsoft.Network/privateDnsZones/A',
      'Microsoft.Network/privateDnsZones/AAAA',
      'Microsoft.Network/privateDnsZones/virtualNetworkLinks',
    ]);
    await expect(deleteResource(c, id, { ifMatch: 'stale' })).rejects.toMatchObject({ status: 412 });
    await deleteResource(c, id, { ifMatch: created.etag ?? '' });
    await expect(getResource(c, id)).rejects.toMatchObject({ status: 404 });
    await deleteResource(c, id); // already gone: not an error
  });

  it('enforces the documented record set rules', async () => {
    const put = (type: string, name: string, body: unknown, headers: Record<string, string> = {}) =>
      armRequest(handle, 'PUT', `${ZONE}/${type}/${name}?${API}`, { body, headers });
    const expectError = (res: { status: number; body: any }, error: { status: number; code: string }) => {
      expect(res.status).toBe(error.status);
      expect(res.body.error.code).toBe(error.code);
    };
    expectError(
      await put('AAAA', 'x', { properties: { ttl: 60, aRecords: [{ ipv4Address: '10.1.0.9' }] } }),
      recordsOfAnotherType('AAAA', 'aRecords'),
    );
    expectError(
      await put('AAAA', 'x', { properties: { ttl: 60, aaaaRecords: [{ ipv6Address: '10.1.0.9' }] } }),
      invalidRecordAddress('x', '', 'IPv6'),
    );
    const many = Array.from({ length: 21 }, (_, i) => ({ ipv6Address: `fd00::${i + 1}` }));
    expectError(
      await put('AAAA', 'x', { properties: { ttl: 60, aaaaRecords: many } }),
      tooManyRecords('x', 21),
    );
    expectError(
      await put('A', 'vm1', { properties: { ttl: 10, aRecords: [{ ipv4Address: '10.1.0.7' }] } }),
      autoRegisteredRecordSetReadOnly('x'),
    );
    expectError(
      await armRequest(handle, 'PUT', `${ZONE}/virtualNetworkLinks/again?${API}`, {
        body: {
          location: 'global',
          properties: { virtualNetwork: { id: networkId('virtualNetworks', 'vnet-a') } },
        },
      }),
      virtualNetworkAlreadyLinked(ZONE, 'x'),
    );
    expectError(
      await armRequest(handle, 'PUT', `${networkId('privateDnsZones', 'other.internal')}?${API}`, {
        body: { location: 'westeurope' },
      }),
      privateDnsLocationNotGlobal('x', 'westeurope'),
    );
    const missingZone = await armRequest(
      handle,
      'PUT',
      `${networkId('privateDnsZones', 'none.internal')}/AAAA/x?${API}`,
      {
        body: { properties: { ttl: 60 } },
      },
    );
    expect(missingZone.status).toBe(404);
    const wrongVersion = await armRequest(handle, 'GET', `${ZONE}/A/vm1?api-version=2025-05-01`);
    expect(wrongVersion.status).toBe(400);
  });
});
