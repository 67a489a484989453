import type { EmulatorHandle } from '../../emulator/EmulatorOptions';
import {
  inUseNetworkSecurityGroupCannotBeDeleted,
  inUseRouteTableCannotBeDeleted,
  inUseSubnetCannotBeDeleted,
  invalidResourceReference,
} from '../../src/arm/errors/commonErrors';
import { networkClient, networkId, POLL, RG, startTestEmulator } from './emulatorTestKit';

describe('addresses and back-references the service fills in', () => {
  let handle: EmulatorHandle;
  const vnetId = networkId('virtualNetworks', 'ref-vnet');
  const subnetId = `${vnetId}/subnets/app`;
  const lbId = networkId('loadBalancers', 'ref-lb');
  const poolId = `${lbId}/backendAddressPools/pool`;
  beforeAll(async () => {
    handle = await startTestEmulator();
    const client = networkClient(handle);
    await client.networkSecurityGroups.beginCreateOrUpdateAndWait(
      RG,
      'ref-nsg',
      { location: 'westeurope' },
      POLL,
    );
    await client.routeTables.beginCreateOrUpdateAndWait(RG, 'ref-rt', { location: 'westeurope' }, POLL);
    await client.virtualNetworks.beginCreateOrUpdateAndWait(
      RG,
      'ref-vnet',
      {
        location: 'westeurope',
        addressSpace: { addressPrefixes: ['10.70.0.0/16', 'fd00:70::/48'] },
        subnets: [
          {
            name: 'app',
            addressPrefixes: ['10.70.1.0/24', 'fd00:70:0:1::/64'],
            networkSecurityGroup: { id: networkId('networkSecurityGroups', 'ref-nsg') },
            routeTable: { id: networkId('routeTables', 'ref-rt') },
          },
        ],
      },
      POLL,
    );
    await client.loadBalancers.beginCreateOrUpdateAndWait(
      RG,
      'ref-lb',
      {
        location: 'westeurope',
        sku: { name: 'Standard' },
        frontendIPConfigurations: [{ name: 'fe', subnet: { id: subnetId } }],
        backendAddressPools: [{ name: 'pool' }],
      },
      POLL,
    );
  });
  afterAll(() => handle.stop());

  it('gives Dynamic configurations the next free IPv4 and IPv6 addresses after the four reserved, and keeps Static ones', async () => {
    const client = networkClient(handle);
    const lb = await client.loadBalancers.get(RG, 'ref-lb');
    expect(lb.frontendIPConfigurations?.[0]?.privateIPAddress).toBe('10.70.1.4');
    const nic = await client.networkInterfaces.beginCreateOrUpdateAndWait(
      RG,
      'ref-nic',
      {
        location: 'westeurope',
        ipConfigurations: [
          {
            name: 'v4',
            primary: true,
            subnet: { id: subnetId },
            loadBalancerBackendAddressPools: [{ id: poolId }],
          },
          { name: 'v6', privateIPAddressVersion: 'IPv6', subnet: { id: subnetId } },
          {
            name: 'fixed',
            privateIPAllocationMethod: 'Static',
            privateIPAddress: '10.70.1.50',
            subnet: { id: subnetId },
          },
        ],
      },
      POLL,
    );
    expect(nic.ipConfigurations?.map((c) => [c.name, c.privateIPAddress])).toEqual([
      ['v4', '10.70.1.5'],
      ['v6', 'fd00:70:0:1::4'],
      ['fixed', '10.70.1.50'],
    ]);
    // A rewrite keeps the Dynamic addresses it already had.
    const again = await client.networkInterfaces.beginCreateOrUpdateAndWait(RG, 'ref-nic', nic, POLL);
    expect(again.ipConfigurations?.map((c) => c.privateIPAddress)).toEqual([
      '10.70.1.5',
      'fd00:70:0:1::4',
      '10.70.1.50',
    ]);
  });

  it('lists who uses a subnet, a pool, an NSG and a route table', async () => {
    const client = networkClient(handle);
    const nicId = networkId('networkInterfaces', 'ref-nic');
    const subnet = await client.subnets.get(RG, 'ref-vnet', 'app');
    expect(subnet.ipConfigurations?.map((c) => c.id)).toEqual([
      `${lbId}/frontendIPConfigurations/fe`,
      `${nicId}/ipConfigurations/v4`,
      `${nicId}/ipConfigurations/v6`,
      `${nicId}/ipConfigurations/fixed`,
    ]);
    const pool = await client.loadBalancerBackendAddressPools.get(RG, 'ref-lb', 'pool');
    expect(pool.backendIPConfigurations?.map((c) => c.id)).toEqual([`${nicId}/ipConfigurations/v4`]);
    const members: string[] = [];
    for await (const n of client.loadBalancerNetworkInterfaces.list(RG, 'ref-lb')) members.push(n.id ?? '');
    expect(members).toEqual([nicId]);
    expect((await client.networkSecurityGroups.get(RG, 'ref-nsg')).subnets?.map((s) => s.id)).toEqual([
      subnetId,
    ]);
    expect((await client.routeTables.get(RG, 'ref-rt')).subnets?.map((s) => s.id)).toEqual([subnetId]);
  });

  it('updates tags with PATCH and a new etag', async () => {
    const client = networkClient(handle);
    const before = await client.routeTables.get(RG, 'ref-rt');
    const after = await client.routeTables.updateTags(RG, 'ref-rt', { tags: { owner: 'net' } });
    expect(after.tags).toEqual({ owner: 'net' });
    expect(after.etag).not.toBe(before.etag);
  });

  it('refuses to delete an NSG or a route table a subnet still uses, and the subnet in use by NICs', async () => {
    const client = networkClient(handle);
    const nsg = inUseNetworkSecurityGroupCannotBeDeleted(networkId('networkSecurityGroups', 'ref-nsg'), [
      subnetId,
    ]);
    await expect(client.networkSecurityGroups.beginDeleteAndWait(RG, 'ref-nsg', POLL)).rejects.toMatchObject({
      statusCode: nsg.status,
      code: nsg.code,
      message: nsg.body.message,
    });
    const rt = inUseRouteTableCannotBeDeleted(networkId('routeTables', 'ref-rt'), [subnetId]);
    await expect(client.routeTables.beginDeleteAndWait(RG, 'ref-rt', POLL)).rejects.toMatchObject({
      statusCode: rt.status,
      code: rt.code,
    });
    const subnet = inUseSubnetCannotBeDeleted(subnetId, '');
    await expect(client.subnets.beginDeleteAndWait(RG, 'ref-vnet', 'app', POLL)).rejects.toMatchObject({
      statusCode: subnet.status,
      code: subnet.code,
    });
    await expect(client.virtualNetworks.beginDeleteAndWait(RG, 'ref-vnet', POLL)).rejects.toMatchObject({
      code: subnet.code,
    });
    // A VNet PUT that omits the subnet would delete it: refused the same way, and nothing changes.
    const vnet = await client.virtualNetworks.get(RG, 'ref-vnet');
    await expect(
      client.virtualNetworks.beginCreateOrUpdateAndWait(RG, 'ref-vnet', { ...vnet, subnets: [] }, POLL),
    ).rejects.toMatchObject({
      statusCode: subnet.status,
      code: subnet.code,
      message: expect.stringContaining('Subnet app is in use by'),
    });
    expect((await client.virtualNetworks.get(RG, 'ref-vnet')).etag).toBe(vnet.etag);
    expect((await client.networkSecurityGroups.get(RG, 'ref-nsg')).provisioningState).toBe('Succeeded');
  });

  it('refuses a reference to a subnet or pool that does not exist with InvalidResourceReference', async () => {
    const client = networkClient(handle);
    const missing = `${vnetId}/subnets/nope`;
    const nicId = networkId('networkInterfaces', 'dangling');
    const expected = invalidResourceReference(missing, nicId);
    await expect(
      client.networkInterfaces.beginCreateOrUpdateAndWait(
        RG,
        'dangling',
        { location: 'westeurope', ipConfigurations: [{ name: 'ip', subnet: { id: missing } }] },
        POLL,
      ),
    ).rejects.toMatchObject({
      statusCode: expected.status,
      code: expected.code,
      message: expected.body.message,
    });
    const pool = `${lbId}/backendAddressPools/nope`;
    await expect(
      client.networkInterfaces.beginCreateOrUpdateAndWait(
        RG,
        'dangling',
        {
          location: 'westeurope',
          ipConfigurations: [
            { name: 'ip', subnet: { id: subnetId }, loadBalancerBackendAddressPools: [{ id: pool }] },
          ],
        },
        POLL,
      ),
    ).rejects.toMatchObject({ code: invalidResourceReference(pool, nicId).code });
  });
});
