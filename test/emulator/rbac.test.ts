import type { EmulatorHandle } from '../../emulator/EmulatorOptions';
import { authorizationFailed, linkedAuthorizationFailed } from '../../src/arm/errors/commonErrors';
import { networkClient, networkId, POLL, RG, startTestEmulator, vnetBody } from './emulatorTestKit';

const OWNER = '00000000-0000-4000-8000-0000000000a1';
const READER = '00000000-0000-4000-8000-0000000000a2';
const NIC_WRITER = '00000000-0000-4000-8000-0000000000a3';
const PEERER = '00000000-0000-4000-8000-0000000000a4';

const NIC_ACTIONS = ['Microsoft.Network/networkInterfaces/*', 'Microsoft.Network/virtualNetworks/read'];
const PEERING_ACTIONS = [
  'Microsoft.Network/virtualNetworks/read',
  'Microsoft.Network/virtualNetworks/virtualNetworkPeerings/read',
  'Microsoft.Network/virtualNetworks/virtualNetworkPeerings/write',
];

const BASE: Record<string, string[]> = {
  [OWNER]: ['*'],
  [READER]: ['Microsoft.Network/*/read'],
  [NIC_WRITER]: NIC_ACTIONS,
  [PEERER]: PEERING_ACTIONS,
};

describe('RBAC: actions and linked actions', () => {
  let handle: EmulatorHandle;
  const subnetId = `${networkId('virtualNetworks', 'rbac-vnet')}/subnets/app`;
  const nic = { location: 'westeurope', ipConfigurations: [{ name: 'ip', subnet: { id: subnetId } }] };
  beforeAll(async () => {
    handle = await startTestEmulator({ rbac: BASE });
    const owner = networkClient(handle, OWNER);
    await owner.virtualNetworks.beginCreateOrUpdateAndWait(
      RG,
      'rbac-vnet',
      vnetBody('10.50.0.0/16', [{ name: 'app', addressPrefix: '10.50.1.0/24' }]),
      POLL,
    );
    await owner.virtualNetworks.beginCreateOrUpdateAndWait(RG, 'rbac-remote', vnetBody('10.51.0.0/16'), POLL);
  });
  afterAll(() => handle.stop());

  it('lets a reader read and refuses its writes with 403 AuthorizationFailed', async () => {
    const reader = networkClient(handle, READER);
    expect((await reader.virtualNetworks.get(RG, 'rbac-vnet')).name).toBe('rbac-vnet');
    const expected = authorizationFailed(
      READER,
      'Microsoft.Network/virtualNetworks/write',
      networkId('virtualNetworks', 'x'),
    );
    await expect(
      reader.virtualNetworks.beginCreateOrUpdateAndWait(RG, 'x', vnetBody('10.52.0.0/16'), POLL),
    ).rejects.toMatchObject({
      statusCode: expected.status,
      code: expected.code,
    });
  });

  it('refuses a NIC joining a subnet without subnets/join/action, and accepts it once granted', async () => {
    const writer = networkClient(handle, NIC_WRITER);
    const expected = linkedAuthorizationFailed(
      NIC_WRITER,
      'Microsoft.Network/virtualNetworks/subnets/join/action',
      subnetId,
    );
    const error = await writer.networkInterfaces
      .beginCreateOrUpdateAndWait(RG, 'rbac-nic', nic, POLL)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      statusCode: expected.status,
      code: expected.code,
      message: expected.body.message,
    });

    handle.setRbac({
      ...BASE,
      [NIC_WRITER]: [...NIC_ACTIONS, 'Microsoft.Network/virtualNetworks/subnets/join/action'],
    });
    const created = await writer.networkInterfaces.beginCreateOrUpdateAndWait(RG, 'rbac-nic', nic, POLL);
    expect(created.ipConfigurations?.[0]?.privateIPAddress).toBe('10.50.1.4');
  });

  it('refuses a peering without virtualNetworks/peer/action on the remote VNet', async () => {
    handle.setRbac({ ...BASE, [PEERER]: PEERING_ACTIONS });
    const peerer = networkClient(handle, PEERER);
    const remote = networkId('virtualNetworks', 'rbac-remote');
    const expected = linkedAuthorizationFailed(
      PEERER,
      'Microsoft.Network/virtualNetworks/peer/action',
      remote,
    );
    await expect(
      peerer.virtualNetworkPeerings.beginCreateOrUpdateAndWait(
        RG,
        'rbac-vnet',
        'p',
        { remoteVirtualNetwork: { id: remote } },
        POLL,
      ),
    ).rejects.toMatchObject({
      statusCode: expected.status,
      code: expected.code,
      message: expected.body.message,
    });
  });

  it('refuses associating a route table or an NSG, and joining a backend pool, without their join actions', async () => {
    const owner = networkClient(handle, OWNER);
    await owner.routeTables.beginCreateOrUpdateAndWait(RG, 'rbac-rt0', { location: 'westeurope' }, POLL);
    await owner.networkSecurityGroups.beginCreateOrUpdateAndWait(
      RG,
      'rbac-nsg0',
      { location: 'westeurope' },
      POLL,
    );
    await owner.loadBalancers.beginCreateOrUpdateAndWait(
      RG,
      'rbac-lb',
      { location: 'westeurope', sku: { name: 'Standard' }, backendAddressPools: [{ name: 'pool' }] },
      POLL,
    );
    const subnetWriter = '00000000-0000-4000-8000-0000000000a5';
    const subnetActions = [
      'Microsoft.Network/virtualNetworks/read',
      'Microsoft.Network/virtualNetworks/subnets/*',
    ];
    handle.setRbac({
      ...BASE,
      [subnetWriter]: subnetActions,
      [NIC_WRITER]: [...NIC_ACTIONS, 'Microsoft.Network/virtualNetworks/subnets/join/action'],
    });
    const client = networkClient(handle, subnetWriter);
    const routeTable = networkId('routeTables', 'rbac-rt0');
    const nsg = networkId('networkSecurityGroups', 'rbac-nsg0');
    const rtRefused = linkedAuthorizationFailed(
      subnetWriter,
      'Microsoft.Network/routeTables/join/action',
      routeTable,
    );
    await expect(
      client.subnets.beginCreateOrUpdateAndWait(
        RG,
        'rbac-vnet',
        'app',
        { addressPrefix: '10.50.1.0/24', routeTable: { id: routeTable } },
        POLL,
      ),
    ).rejects.toMatchObject({
      statusCode: rtRefused.status,
      code: rtRefused.code,
      message: rtRefused.body.message,
    });
    const nsgRefused = linkedAuthorizationFailed(
      subnetWriter,
      'Microsoft.Network/networkSecurityGroups/join/action',
      nsg,
    );
    await expect(
      client.subnets.beginCreateOrUpdateAndWait(
        RG,
        'rbac-vnet',
        'app',
        { addressPrefix: '10.50.1.0/24', networkSecurityGroup: { id: nsg } },
        POLL,
      ),
    ).rejects.toMatchObject({
      statusCode: nsgRefused.status,
      code: nsgRefused.code,
      message: nsgRefused.body.message,
    });
    const pool = `${networkId('loadBalancers', 'rbac-lb')}/backendAddressPools/pool`;
    const poolRefused = linkedAuthorizationFailed(
      NIC_WRITER,
      'Microsoft.Network/loadBalancers/backendAddressPools/join/action',
      pool,
    );
    const withPool = {
      location: 'westeurope',
      ipConfigurations: [
        { name: 'ip', subnet: { id: subnetId }, loadBalancerBackendAddressPools: [{ id: pool }] },
      ],
    };
    await expect(
      networkClient(handle, NIC_WRITER).networkInterfaces.beginCreateOrUpdateAndWait(
        RG,
        'rbac-nic2',
        withPool,
        POLL,
      ),
    ).rejects.toMatchObject({
      statusCode: poolRefused.status,
      code: poolRefused.code,
      message: poolRefused.body.message,
    });
  });

  it('refuses a NIC ip configuration and a public load balancer frontend on a public IP without publicIPAddresses/join/action', async () => {
    const pip = networkId('publicIPAddresses', 'rbac-pip');
    await networkClient(handle, OWNER).publicIPAddresses.beginCreateOrUpdateAndWait(
      RG,
      'rbac-pip',
      { location: 'westeurope', sku: { name: 'Standard' }, publicIPAllocationMethod: 'Static' },
      POLL,
    );
    const join = 'Microsoft.Network/publicIPAddresses/join/action';
    const refused = linkedAuthorizationFailed(NIC_WRITER, join, pip);
    handle.setRbac({
      ...BASE,
      [NIC_WRITER]: [
        ...NIC_ACTIONS,
        'Microsoft.Network/virtualNetworks/subnets/join/action',
        'Microsoft.Network/loadBalancers/write',
      ],
    });
    const writer = networkClient(handle, NIC_WRITER);
    const withPip = {
      location: 'westeurope',
      ipConfigurations: [{ name: 'ip', subnet: { id: subnetId }, publicIPAddress: { id: pip } }],
    };
    const lb = {
      location: 'westeurope',
      sku: { name: 'Standard' },
      frontendIPConfigurations: [{ name: 'fe', publicIPAddress: { id: pip } }],
    };
    const expected = { statusCode: refused.status, code: refused.code, message: refused.body.message };
    await expect(
      writer.networkInterfaces.beginCreateOrUpdateAndWait(RG, 'rbac-nic-pip', withPip, POLL),
    ).rejects.toMatchObject(expected);
    await expect(
      writer.loadBalancers.beginCreateOrUpdateAndWait(RG, 'rbac-lbe', lb, POLL),
    ).rejects.toMatchObject(expected);

    handle.setRbac({
      ...BASE,
      [NIC_WRITER]: [
        ...NIC_ACTIONS,
        'Microsoft.Network/virtualNetworks/subnets/join/action',
        'Microsoft.Network/loadBalancers/write',
        join,
      ],
    });
    const nicWithPip = await writer.networkInterfaces.beginCreateOrUpdateAndWait(
      RG,
      'rbac-nic-pip',
      withPip,
      POLL,
    );
    expect(nicWithPip.ipConfigurations?.[0]?.publicIPAddress?.id).toBe(pip);
  });

  it('lets everyone do everything when RBAC is off', async () => {
    handle.setRbac(undefined);
    const anyone = networkClient(handle, READER);
    const rt = await anyone.routeTables.beginCreateOrUpdateAndWait(
      RG,
      'rbac-rt',
      { location: 'westeurope' },
      POLL,
    );
    expect(rt.provisioningState).toBe('Succeeded');
  });
});
