import type { EmulatorHandle } from '../../emulator/EmulatorOptions';
import {
  preconditionFailedEtagMismatch,
  preconditionFailedResourceExists,
  resourceNotFound,
} from '../../src/arm/errors/commonErrors';
import { networkClient, networkId, POLL, RG, startTestEmulator, vnetBody } from './emulatorTestKit';

describe('emulator CRUD through the real NetworkManagementClient', () => {
  let handle: EmulatorHandle;
  beforeAll(async () => {
    handle = await startTestEmulator({ pageSize: 2 });
  });
  afterAll(() => handle.stop());

  it('creates a VNet through the real poller, then reads it back with ids, etags and Succeeded', async () => {
    const client = networkClient(handle);
    const created = await client.virtualNetworks.beginCreateOrUpdateAndWait(
      RG,
      'crud-vnet',
      vnetBody('10.10.0.0/16', [{ name: 'a', addressPrefix: '10.10.1.0/24' }]),
      POLL,
    );
    expect(created.provisioningState).toBe('Succeeded');
    expect(created.id).toBe(networkId('virtualNetworks', 'crud-vnet'));
    expect(created.etag).toMatch(/^W\/"[0-9a-f-]{36}"$/);
    expect(created.subnets?.[0]?.id).toBe(`${networkId('virtualNetworks', 'crud-vnet')}/subnets/a`);
    expect(created.subnets?.[0]?.etag).toBe(created.etag);
    const read = await client.virtualNetworks.get(RG, 'crud-vnet');
    expect(read.addressSpace?.addressPrefixes).toEqual(['10.10.0.0/16']);
  });

  it('answers the first PUT Updating with Azure-AsyncOperation; the poller follows it to Succeeded', async () => {
    // A route table write held for a second, so the first answers are certainly still Updating.
    const slow = await startTestEmulator({
      timeScale: 1,
      latencyMs: { 'Microsoft.Network/routeTables': 1000 },
    });
    try {
      const client = networkClient(slow);
      const poller = await client.routeTables.beginCreateOrUpdate(
        RG,
        'crud-rt',
        { location: 'westeurope' },
        POLL,
      );
      expect(poller.getOperationState().status).toBe('running');
      expect((await client.routeTables.get(RG, 'crud-rt')).provisioningState).toBe('Updating');
      const result = await poller.pollUntilDone();
      expect(result.provisioningState).toBe('Succeeded');
    } finally {
      await slow.stop();
    }
  });

  it('updates with a current If-Match and refuses a stale one with 412', async () => {
    const client = networkClient(handle);
    const first = await client.networkSecurityGroups.beginCreateOrUpdateAndWait(
      RG,
      'crud-nsg',
      { location: 'westeurope' },
      POLL,
    );
    const second = await client.networkSecurityGroups.beginCreateOrUpdateAndWait(
      RG,
      'crud-nsg',
      { location: 'westeurope', tags: { v: '2' } },
      { ...POLL, requestOptions: { customHeaders: { 'If-Match': first.etag ?? '' } } },
    );
    expect(second.etag).not.toBe(first.etag);
    expect(second.tags).toEqual({ v: '2' });
    const stale = preconditionFailedEtagMismatch(first.etag ?? '', second.etag ?? '', second.id ?? '');
    await expect(
      client.networkSecurityGroups.beginCreateOrUpdateAndWait(
        RG,
        'crud-nsg',
        { location: 'westeurope' },
        { ...POLL, requestOptions: { customHeaders: { 'If-Match': first.etag ?? '' } } },
      ),
    ).rejects.toMatchObject({ statusCode: stale.status, code: stale.code });
  });

  it('ignores an etag in the body: only the header counts', async () => {
    const client = networkClient(handle);
    const first = await client.publicIPAddresses.beginCreateOrUpdateAndWait(
      RG,
      'crud-pip',
      { location: 'westeurope', sku: { name: 'Standard' }, publicIPAllocationMethod: 'Static' },
      POLL,
    );
    const updated = await client.publicIPAddresses.beginCreateOrUpdateAndWait(
      RG,
      'crud-pip',
      {
        location: 'westeurope',
        sku: { name: 'Standard' },
        publicIPAllocationMethod: 'Static',
        etag: 'W/"not-the-etag"',
        tags: { a: 'b' },
      },
      POLL,
    );
    expect(updated.etag).not.toBe(first.etag);
    expect(updated.etag).not.toBe('W/"not-the-etag"');
  });

  it('refuses If-None-Match: * on an existing resource', async () => {
    const client = networkClient(handle);
    await client.routeTables.beginCreateOrUpdateAndWait(RG, 'crud-rt2', { location: 'westeurope' }, POLL);
    const expected = preconditionFailedResourceExists(networkId('routeTables', 'crud-rt2'));
    await expect(
      client.routeTables.beginCreateOrUpdateAndWait(
        RG,
        'crud-rt2',
        { location: 'westeurope' },
        { ...POLL, requestOptions: { customHeaders: { 'If-None-Match': '*' } } },
      ),
    ).rejects.toMatchObject({ statusCode: expected.status, code: expected.code });
  });

  it('lists by resource group and by subscription across pages of 2', async () => {
    const client = networkClient(handle);
    for (const n of ['p1', 'p2', 'p3', 'p4', 'p5']) {
      await client.networkSecurityGroups.beginCreateOrUpdateAndWait(
        RG,
        `list-${n}`,
        { location: 'westeurope' },
        POLL,
      );
    }
    const byGroup: string[] = [];
    for await (const page of client.networkSecurityGroups.list(RG).byPage()) {
      expect(page.length).toBeLessThanOrEqual(2);
      byGroup.push(...page.map((n) => n.name ?? ''));
    }
    expect(byGroup.filter((n) => n.startsWith('list-')).sort()).toEqual([
      'list-p1',
      'list-p2',
      'list-p3',
      'list-p4',
      'list-p5',
    ]);
    const bySubscription: string[] = [];
    for await (const nsg of client.networkSecurityGroups.listAll()) bySubscription.push(nsg.name ?? '');
    expect(bySubscription).toEqual(expect.arrayContaining(byGroup));
  });

  it('deletes through the LRO; the resource is gone afterwards', async () => {
    const client = networkClient(handle);
    await client.routeTables.beginCreateOrUpdateAndWait(RG, 'crud-del', { location: 'westeurope' }, POLL);
    await client.routeTables.beginDeleteAndWait(RG, 'crud-del', POLL);
    const expected = resourceNotFound(networkId('routeTables', 'crud-del'));
    await expect(client.routeTables.get(RG, 'crud-del')).rejects.toMatchObject({
      statusCode: expected.status,
      code: expected.code,
    });
  });

  it('creates, reads, lists and deletes child resources (subnets) merged into the parent', async () => {
    const client = networkClient(handle);
    await client.virtualNetworks.beginCreateOrUpdateAndWait(RG, 'child-vnet', vnetBody('10.20.0.0/16'), POLL);
    const subnet = await client.subnets.beginCreateOrUpdateAndWait(
      RG,
      'child-vnet',
      'web',
      { addressPrefix: '10.20.1.0/24' },
      POLL,
    );
    expect(subnet.id).toBe(`${networkId('virtualNetworks', 'child-vnet')}/subnets/web`);
    const parent = await client.virtualNetworks.get(RG, 'child-vnet');
    expect(parent.subnets?.map((s) => s.name)).toEqual(['web']);
    expect(parent.etag).toBe(subnet.etag);
    const listed: string[] = [];
    for await (const s of client.subnets.list(RG, 'child-vnet')) listed.push(s.name ?? '');
    expect(listed).toEqual(['web']);
    await client.subnets.beginDeleteAndWait(RG, 'child-vnet', 'web', POLL);
    expect((await client.virtualNetworks.get(RG, 'child-vnet')).subnets).toEqual([]);
  });
});
