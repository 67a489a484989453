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

describe('RBAC: actions and linked actions', () => {
  let handle: EmulatorHandle;
  const subnetId = `${networkId('virtualNetworks', 'rbac-vnet')}/subnets/app`;
  const nic = { location: 'westeurope', ipConfigurations: [{ name: 'ip', subnet: { id: subnetId } }] };
  beforeAll(async () => {
    handle = await startTestEmulator({
      rbac: {
        [OWNER]: ['*'],
        [READER]: ['Microsoft.Network/*/read'],
        [NIC_WRITER]: NIC_ACTIONS,
        [PEERER]: PEERING_ACTIONS,
      },
    });
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
      [NIC_WRITER]: [...NIC_ACTIONS, 'Microsoft.Network/virtualNetworks/subnets/join/action'],
    });
    const created = await writer.networkInterfaces.beginCreateOrUpdateAndWait(RG, 'rbac-nic', nic, POLL);
    expect(created.ipConfigurations?.[0]?.privateIPAddress).toBe('10.50.1.4');
  });

  it('refuses a peering without virtualNetworks/peer/action on the remote VNet', async () => {
    handle.setRbac({ [PEERER]: PEERING_ACTIONS });
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
