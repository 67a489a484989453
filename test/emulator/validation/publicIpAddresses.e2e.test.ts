import type { NetworkManagementClient } from '@azure/arm-network';
import type { EmulatorHandle } from '../../../emulator/EmulatorOptions';
import {
  ipConfigurationPublicIpVersionMismatch,
  publicIpAddressCannotBeDeleted,
  standardSkuPublicIpAddressesMustBeStatic,
} from '../../../src/arm/errors/publicIpAddressErrors';
import { LOCATION, networkClient, networkId, POLL, RG, startTestEmulator } from '../emulatorTestKit';
import { expectRefusedOnTheWire as expectRefused } from './expectRefusedOnTheWire';

/**
 * IPv6 public IPs through the unmodified NetworkManagementClient: created Standard static only, given an
 * address, attached only to an IPv6 ip configuration, and deletable only once detached.
 */
describe('IPv6 public IPs on the wire', () => {
  let handle: EmulatorHandle;
  let client: NetworkManagementClient;
  beforeAll(async () => {
    handle = await startTestEmulator({ throttling: false });
    client = networkClient(handle);
    await client.virtualNetworks.beginCreateOrUpdateAndWait(
      RG,
      'pip-v',
      {
        location: LOCATION,
        addressSpace: { addressPrefixes: ['10.70.0.0/16', 'fd00:db8:70::/56'] },
        subnets: [{ name: 's', addressPrefixes: ['10.70.0.0/24', 'fd00:db8:70:1::/64'] }],
      },
      POLL,
    );
  });
  afterAll(() => handle.stop());

  const pip = (name: string, method: 'Static' | 'Dynamic') =>
    client.publicIPAddresses.beginCreateOrUpdateAndWait(
      RG,
      name,
      {
        location: LOCATION,
        sku: { name: 'Standard', tier: 'Regional' },
        publicIPAddressVersion: 'IPv6',
        publicIPAllocationMethod: method,
      },
      POLL,
    );

  it('creates a Standard static IPv6 public IP with an IPv6 address, refuses a dynamic one', async () => {
    await expectRefused(
      pip('pip-dyn', 'Dynamic'),
      standardSkuPublicIpAddressesMustBeStatic(networkId('publicIPAddresses', 'pip-dyn')),
    );
    const created = await pip('pip-6', 'Static');
    expect(created.ipAddress).toMatch(/^2001:db8:/);
    expect((await pip('pip-6', 'Static')).ipAddress).toBe(created.ipAddress);
  });

  it("attaches it to the NIC's IPv6 configuration only, and refuses its deletion until detached", async () => {
    const pipId = networkId('publicIPAddresses', 'pip-6');
    const subnet = { id: `${networkId('virtualNetworks', 'pip-v')}/subnets/s` };
    const nicId = networkId('networkInterfaces', 'pip-nic');
    const nic = (ipv6Public: boolean, ipv4Public = false) =>
      client.networkInterfaces.beginCreateOrUpdateAndWait(
        RG,
        'pip-nic',
        {
          location: LOCATION,
          ipConfigurations: [
            { name: 'v4', primary: true, subnet, ...(ipv4Public ? { publicIPAddress: { id: pipId } } : {}) },
            {
              name: 'v6',
              privateIPAddressVersion: 'IPv6',
              subnet,
              ...(ipv6Public ? { publicIPAddress: { id: pipId } } : {}),
            },
          ],
        },
        POLL,
      );
    await expectRefused(
      nic(false, true),
      ipConfigurationPublicIpVersionMismatch(
        `${nicId}/ipConfigurations/v4`,
        'IPv4',
        pipId,
        'IPv6',
        'properties.ipConfigurations[0].properties.publicIPAddress',
      ),
    );
    await nic(true);
    expect((await client.publicIPAddresses.get(RG, 'pip-6')).ipConfiguration?.id?.toLowerCase()).toBe(
      `${nicId}/ipConfigurations/v6`.toLowerCase(),
    );
    await expectRefused(
      client.publicIPAddresses.beginDeleteAndWait(RG, 'pip-6', POLL),
      publicIpAddressCannotBeDeleted(pipId, `${nicId}/ipConfigurations/v6`),
    );
    await nic(false);
    await client.publicIPAddresses.beginDeleteAndWait(RG, 'pip-6', POLL);
    await expect(client.publicIPAddresses.get(RG, 'pip-6')).rejects.toMatchObject({ statusCode: 404 });
  });
});
