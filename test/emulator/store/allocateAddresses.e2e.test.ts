import type { NetworkManagementClient } from '@azure/arm-network';
import type { EmulatorHandle } from '../../../emulator/EmulatorOptions';
import { primaryIpConfigurationMustBeIPv4 } from '../../../src/arm/errors/networkInterfaceErrors';
import { subnetHasNoIPv6AddressPrefix } from '../../../src/arm/errors/virtualNetworkErrors';
import { LOCATION, networkClient, networkId, POLL, RG, startTestEmulator } from '../emulatorTestKit';
import { expectRefusedOnTheWire as expectRefused } from '../validation/expectRefusedOnTheWire';

const VNET = networkId('virtualNetworks', 'case-vnet');
const DUAL = `${VNET}/subnets/dual`;
const V4 = `${VNET}/subnets/v4`;

/** IP version and allocation fields are enums ARM reads case-insensitively: 'ipv6' is IPv6 everywhere. */
describe('IP version fields in any case, through the real SDK', () => {
  let handle: EmulatorHandle;
  let client: NetworkManagementClient;
  beforeAll(async () => {
    handle = await startTestEmulator({ throttling: false });
    client = networkClient(handle);
    await client.virtualNetworks.beginCreateOrUpdateAndWait(
      RG,
      'case-vnet',
      {
        location: LOCATION,
        addressSpace: { addressPrefixes: ['10.70.0.0/16', 'fd00:db8:70::/56'] },
        subnets: [
          { name: 'dual', addressPrefixes: ['10.70.0.0/24', 'fd00:db8:70:1::/64'] },
          { name: 'v4', addressPrefix: '10.70.1.0/24' },
        ],
      },
      POLL,
    );
  });
  afterAll(() => handle.stop());

  const config = (name: string, version: string, subnet = DUAL, extra: Record<string, unknown> = {}) => ({
    name,
    primary: name === 'v4',
    privateIPAddressVersion: version,
    subnet: { id: subnet },
    ...extra,
  });

  it("allocates an IPv6 address to 'ipv6' and 'IPV6' ip configurations and frontends, and keeps it across writes", async () => {
    const nic = await client.networkInterfaces.beginCreateOrUpdateAndWait(
      RG,
      'case-nic',
      { location: LOCATION, ipConfigurations: [config('v4', 'ipv4'), config('v6', 'ipv6')] },
      POLL,
    );
    const [v4, v6] = nic.ipConfigurations ?? [];
    expect(v4?.privateIPAddress).toBe('10.70.0.4');
    expect(v6?.privateIPAddress).toBe('fd00:db8:70:1::4');
    const again = await client.networkInterfaces.beginCreateOrUpdateAndWait(
      RG,
      'case-nic',
      { location: LOCATION, ipConfigurations: [config('v4', 'IPv4'), config('v6', 'IPV6')] },
      POLL,
    );
    expect(again.ipConfigurations?.map((c) => c.privateIPAddress)).toEqual(['10.70.0.4', 'fd00:db8:70:1::4']);

    const lb = await client.loadBalancers.beginCreateOrUpdateAndWait(
      RG,
      'case-lb',
      {
        location: LOCATION,
        sku: { name: 'Standard' },
        frontendIPConfigurations: [
          config('fe6', 'iPv6', DUAL, {
            privateIPAllocationMethod: 'static',
            privateIPAddress: 'fd00:db8:70:1::99',
          }),
          config('fe6-dynamic', 'ipv6'),
        ],
      },
      POLL,
    );
    expect(lb.frontendIPConfigurations?.map((f) => f.privateIPAddress)).toEqual([
      'fd00:db8:70:1::99',
      'fd00:db8:70:1::5',
    ]);
  });

  it("applies the IPv6 rules to 'ipv6' as to 'IPv6'", async () => {
    await expectRefused(
      client.networkInterfaces.beginCreateOrUpdateAndWait(
        RG,
        'case-nic-2',
        {
          location: LOCATION,
          ipConfigurations: [
            config('v4', 'IPv4', DUAL, { primary: false }),
            config('v6', 'ipv6', DUAL, { primary: true }),
          ],
        },
        POLL,
      ),
      primaryIpConfigurationMustBeIPv4(
        networkId('networkInterfaces', 'case-nic-2'),
        `${networkId('networkInterfaces', 'case-nic-2')}/ipConfigurations/v6`,
        'properties.ipConfigurations[1]',
      ),
    );
    await expectRefused(
      client.networkInterfaces.beginCreateOrUpdateAndWait(
        RG,
        'case-nic-3',
        { location: LOCATION, ipConfigurations: [config('v4', 'IPv4', V4), config('v6', 'IPV6', V4)] },
        POLL,
      ),
      subnetHasNoIPv6AddressPrefix(
        V4,
        `${networkId('networkInterfaces', 'case-nic-3')}/ipConfigurations/v6`,
        'properties.ipConfigurations[1].properties.subnet',
      ),
    );
  });
});
