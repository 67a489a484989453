import type { NetworkManagementClient } from '@azure/arm-network';
import type { EmulatorHandle } from '../../../emulator/EmulatorOptions';
import { invalidRequestFormat } from '../../../src/arm/errors/commonErrors';
import {
  backendPoolIpVersionMismatch,
  ipv6FrontendNotSupportedOnBasicLoadBalancer,
  loadBalancingRuleIpVersionMismatch,
} from '../../../src/arm/errors/loadBalancerErrors';
import {
  networkInterfaceMustHaveIPv4IpConfiguration,
  onlyOneIPv6IpConfigurationAllowed,
  primaryIpConfigurationMustBeIPv4,
} from '../../../src/arm/errors/networkInterfaceErrors';
import { addressPrefixesFromDifferentAddressFamilies } from '../../../src/arm/errors/networkSecurityGroupErrors';
import {
  ipv6RouteVirtualNetworkGatewayNextHopNotSupported,
  routeNextHopIpVersionMismatch,
} from '../../../src/arm/errors/routeTableErrors';
import {
  invalidAddressPrefixFormat,
  invalidCidrNotation,
  invalidSubnetIPv6PrefixLength,
  ipv6AddressesNotSupportedWithResourceNavigationLinks,
  privateIpAddressInReservedRange,
  privateIpAddressNotInSubnet,
  ipv6OnlySubnetNotSupported,
  ipv6OnlyVirtualNetworkNotSupported,
  subnetHasNoIPv6AddressPrefix,
  subnetPrefixTooSmall,
  subnetRangeOutsideVnet,
  subnetRangesOverlap,
  virtualNetworkIPv6PrefixLengthNotSupported,
  vnetAddressSpacesOverlap,
} from '../../../src/arm/errors/virtualNetworkErrors';
import {
  armRequest,
  LOCATION,
  networkClient,
  networkId,
  POLL,
  RG,
  startTestEmulator,
} from '../emulatorTestKit';
import { expectRefusedOnTheWire as expectRefused } from './expectRefusedOnTheWire';

/**
 * Every dual-stack rule through the unmodified NetworkManagementClient: the emulator must refuse each with
 * the factory's status, code and target, and accept the valid form.
 */

const HUB = networkId('virtualNetworks', 'e2e-hub');
const DUAL = `${HUB}/subnets/dual`;
const V4ONLY = `${HUB}/subnets/v4only`;
const hubBody = {
  location: LOCATION,
  addressSpace: { addressPrefixes: ['10.20.0.0/16', 'fd00:db8:20::/56'] },
  subnets: [
    { name: 'dual', addressPrefixes: ['10.20.0.0/24', 'fd00:db8:20:1::/64'] },
    { name: 'v4only', addressPrefix: '10.20.1.0/24' },
  ],
};

function vnetWith(prefixes: string[], subnets: { name: string; addressPrefixes: string[] }[] = []) {
  return { location: LOCATION, addressSpace: { addressPrefixes: prefixes }, subnets };
}

function ipConfig(
  name: string,
  version: 'IPv4' | 'IPv6',
  primary: boolean,
  subnetId = DUAL,
  pools: string[] = [],
) {
  return {
    name,
    primary,
    privateIPAddressVersion: version,
    subnet: { id: subnetId },
    loadBalancerBackendAddressPools: pools.map((id) => ({ id })),
  };
}

describe('dual-stack write rules through the SDK', () => {
  let handle: EmulatorHandle;
  let client: NetworkManagementClient;
  beforeAll(async () => {
    handle = await startTestEmulator({ throttling: false });
    client = networkClient(handle);
    await client.virtualNetworks.beginCreateOrUpdateAndWait(RG, 'e2e-hub', hubBody, POLL);
  });
  afterAll(() => handle.stop());

  describe('virtual networks and subnets', () => {
    const id = networkId('virtualNetworks', 'e2e-v');
    const put = (body: object) => client.virtualNetworks.beginCreateOrUpdateAndWait(RG, 'e2e-v', body, POLL);

    it('refuses malformed CIDRs and host bits, accepts the canonical form', async () => {
      await expectRefused(
        put(vnetWith(['10.30.0.0/33'])),
        invalidAddressPrefixFormat('10.30.0.0/33', id, 'properties.addressSpace.addressPrefixes[0]'),
      );
      await expectRefused(
        put(vnetWith(['10.30.0.0/16', 'fd00:db8:30::1/56'])),
        invalidCidrNotation(
          'fd00:db8:30::1/56',
          id,
          'fd00:db8:30::/56',
          'properties.addressSpace.addressPrefixes[1]',
        ),
      );
      const ok = await put(vnetWith(['10.30.0.0/16', 'fd00:db8:30::/56']));
      expect(ok.provisioningState).toBe('Succeeded');
    });

    it('refuses an IPv6 VNet block outside /48../64 and an IPv6-only VNet', async () => {
      await expectRefused(
        put(vnetWith(['10.30.0.0/16', 'fd00::/32'])),
        virtualNetworkIPv6PrefixLengthNotSupported(
          'fd00::/32',
          id,
          'properties.addressSpace.addressPrefixes[1]',
        ),
      );
      await expectRefused(
        put(vnetWith(['fd00:db8:30::/56'])),
        ipv6OnlyVirtualNetworkNotSupported(id, 'properties.addressSpace.addressPrefixes'),
      );
    });

    it('refuses subnets outside the VNet, overlapping, too small, non-/64 IPv6 or IPv6-only', async () => {
      const space = ['10.30.0.0/16', 'fd00:db8:30::/56'];
      await expectRefused(
        put(vnetWith(space, [{ name: 's', addressPrefixes: ['10.31.0.0/24'] }])),
        subnetRangeOutsideVnet('s', 'e2e-v', 'properties.subnets[0].properties.addressPrefixes[0]'),
      );
      await expectRefused(
        put(
          vnetWith(space, [
            { name: 'a', addressPrefixes: ['10.30.0.0/24'] },
            { name: 'b', addressPrefixes: ['10.30.0.0/25'] },
          ]),
        ),
        subnetRangesOverlap('b', 'e2e-v', 'properties.subnets[1].properties.addressPrefixes[0]'),
      );
      await expectRefused(
        put(vnetWith(space, [{ name: 's', addressPrefixes: ['10.30.0.0/30'] }])),
        subnetPrefixTooSmall(
          's',
          'e2e-v',
          '10.30.0.0/30',
          'properties.subnets[0].properties.addressPrefixes[0]',
        ),
      );
      await expectRefused(
        put(vnetWith(space, [{ name: 's', addressPrefixes: ['10.30.0.0/24', 'fd00:db8:30:100::/56'] }])),
        invalidSubnetIPv6PrefixLength(
          's',
          'fd00:db8:30:100::/56',
          'properties.subnets[0].properties.addressPrefixes[1]',
        ),
      );
      await expectRefused(
        put(vnetWith(space, [{ name: 's', addressPrefixes: ['fd00:db8:30:1::/64'] }])),
        ipv6OnlySubnetNotSupported('s', 'e2e-v', 'properties.subnets[0].properties'),
      );
      const ok = await put(
        vnetWith(space, [{ name: 's', addressPrefixes: ['10.30.0.0/29', 'fd00:db8:30:1::/64'] }]),
      );
      expect(ok.subnets?.[0]?.addressPrefixes).toEqual(['10.30.0.0/29', 'fd00:db8:30:1::/64']);
    });

    it('checks a subnet PUT against its VNet', async () => {
      await put(vnetWith(['10.30.0.0/16']));
      await expectRefused(
        client.subnets.beginCreateOrUpdateAndWait(
          RG,
          'e2e-v',
          'child',
          { addressPrefix: '10.99.0.0/24' },
          POLL,
        ),
        subnetRangeOutsideVnet('child', 'e2e-v', 'properties.subnets[0].properties.addressPrefix'),
      );
    });
  });

  describe('peering', () => {
    it('refuses a peering between overlapping VNets and accepts disjoint ones', async () => {
      await client.virtualNetworks.beginCreateOrUpdateAndWait(RG, 'e2e-p1', vnetWith(['10.40.0.0/16']), POLL);
      await client.virtualNetworks.beginCreateOrUpdateAndWait(
        RG,
        'e2e-p2',
        vnetWith(['10.40.128.0/17']),
        POLL,
      );
      await client.virtualNetworks.beginCreateOrUpdateAndWait(RG, 'e2e-p3', vnetWith(['10.41.0.0/16']), POLL);
      const p1 = networkId('virtualNetworks', 'e2e-p1');
      await expectRefused(
        client.virtualNetworkPeerings.beginCreateOrUpdateAndWait(
          RG,
          'e2e-p1',
          'to-p2',
          {
            remoteVirtualNetwork: { id: networkId('virtualNetworks', 'e2e-p2') },
            allowVirtualNetworkAccess: true,
          },
          POLL,
        ),
        vnetAddressSpacesOverlap(
          `${p1}/virtualNetworkPeerings/to-p2`,
          p1,
          networkId('virtualNetworks', 'e2e-p2'),
          ['10.40.0.0/16'],
          'properties.virtualNetworkPeerings[0]',
        ),
      );
      const ok = await client.virtualNetworkPeerings.beginCreateOrUpdateAndWait(
        RG,
        'e2e-p1',
        'to-p3',
        {
          remoteVirtualNetwork: { id: networkId('virtualNetworks', 'e2e-p3') },
          allowVirtualNetworkAccess: true,
        },
        POLL,
      );
      expect(ok.provisioningState).toBe('Succeeded');
      await expectRefused(
        client.virtualNetworks.beginCreateOrUpdateAndWait(
          RG,
          'e2e-p3',
          vnetWith(['10.41.0.0/16', '10.40.1.0/24']),
          POLL,
        ),
        vnetAddressSpacesOverlap(
          `${p1}/virtualNetworkPeerings/to-p3`,
          p1,
          networkId('virtualNetworks', 'e2e-p3'),
          ['10.40.1.0/24'],
          'properties.addressSpace.addressPrefixes',
        ),
      );
    });
  });

  describe('resource navigation links', () => {
    it('refuses adding IPv6 space to a VNet whose subnet has links', async () => {
      const id = networkId('virtualNetworks', 'e2e-rnl');
      handle.load([
        {
          id,
          name: 'e2e-rnl',
          type: 'Microsoft.Network/virtualNetworks',
          location: LOCATION,
          properties: {
            provisioningState: 'Succeeded',
            addressSpace: { addressPrefixes: ['10.50.0.0/16'] },
            subnets: [
              {
                id: `${id}/subnets/injected`,
                name: 'injected',
                properties: {
                  addressPrefix: '10.50.0.0/24',
                  provisioningState: 'Succeeded',
                  resourceNavigationLinks: [
                    { id: `${id}/subnets/injected/resourceNavigationLinks/link1`, name: 'link1' },
                  ],
                },
              },
            ],
          },
        },
      ]);
      const current = await client.virtualNetworks.get(RG, 'e2e-rnl');
      await expectRefused(
        client.virtualNetworks.beginCreateOrUpdateAndWait(
          RG,
          'e2e-rnl',
          { ...current, addressSpace: { addressPrefixes: ['10.50.0.0/16', 'fd00:db8:50::/56'] } },
          POLL,
        ),
        ipv6AddressesNotSupportedWithResourceNavigationLinks(id, 'properties.addressSpace.addressPrefixes'),
      );
      const grown = await client.virtualNetworks.beginCreateOrUpdateAndWait(
        RG,
        'e2e-rnl',
        { ...current, addressSpace: { addressPrefixes: ['10.50.0.0/16', '10.51.0.0/16'] } },
        POLL,
      );
      expect(grown.addressSpace?.addressPrefixes).toHaveLength(2);
    });
  });

  describe('network interfaces', () => {
    const nic = networkId('networkInterfaces', 'e2e-nic');
    const put = (ipConfigurations: object[]) =>
      client.networkInterfaces.beginCreateOrUpdateAndWait(
        RG,
        'e2e-nic',
        { location: LOCATION, ipConfigurations },
        POLL,
      );

    it('refuses IPv6 on the primary, two IPv6 configurations, or no IPv4; accepts IPv4 primary + IPv6', async () => {
      await expectRefused(
        put([ipConfig('v4', 'IPv4', false), ipConfig('v6', 'IPv6', true)]),
        primaryIpConfigurationMustBeIPv4(nic, `${nic}/ipConfigurations/v6`, 'properties.ipConfigurations[1]'),
      );
      await expectRefused(
        put([ipConfig('v4', 'IPv4', true), ipConfig('v6a', 'IPv6', false), ipConfig('v6b', 'IPv6', false)]),
        onlyOneIPv6IpConfigurationAllowed(nic, 2, 'properties.ipConfigurations[2]'),
      );
      await expectRefused(
        put([]),
        networkInterfaceMustHaveIPv4IpConfiguration(nic, 'properties.ipConfigurations'),
      );
      const ok = await put([ipConfig('v4', 'IPv4', true), ipConfig('v6', 'IPv6', false)]);
      expect(ok.ipConfigurations?.map((c) => c.privateIPAddressVersion)).toEqual(['IPv4', 'IPv6']);
    });

    it('refuses an IPv6 configuration in a subnet without an IPv6 prefix', async () => {
      await expectRefused(
        put([ipConfig('v4', 'IPv4', true, V4ONLY), ipConfig('v6', 'IPv6', false, V4ONLY)]),
        subnetHasNoIPv6AddressPrefix(
          V4ONLY,
          `${nic}/ipConfigurations/v6`,
          'properties.ipConfigurations[1].properties.subnet',
        ),
      );
    });
  });

  describe('static private addresses', () => {
    it('refuses a static IPv6 address outside the subnet or among its first four, accepts ::4', async () => {
      const put = (address: string) =>
        client.networkInterfaces.beginCreateOrUpdateAndWait(
          RG,
          'e2e-static',
          {
            location: LOCATION,
            ipConfigurations: [
              ipConfig('v4', 'IPv4', true),
              {
                ...ipConfig('v6', 'IPv6', false),
                privateIPAllocationMethod: 'Static',
                privateIPAddress: address,
              },
            ],
          },
          POLL,
        );
      const target = 'properties.ipConfigurations[1].properties.privateIPAddress';
      await expectRefused(
        put('fd00:db8:20:2::4'),
        privateIpAddressNotInSubnet('fd00:db8:20:2::4', 'fd00:db8:20:1::/64', target),
      );
      await expectRefused(
        put('fd00:db8:20:1::1'),
        privateIpAddressInReservedRange('fd00:db8:20:1::1', 'fd00:db8:20:1::/64', target),
      );
      const ok = await put('fd00:db8:20:1::4');
      expect(ok.ipConfigurations?.[1]?.privateIPAddress).toBe('fd00:db8:20:1::4');
    });
  });

  describe('load balancers', () => {
    const lbId = networkId('loadBalancers', 'e2e-lb');
    const pool = (name: string) => `${lbId}/backendAddressPools/${name}`;
    const frontends = [
      { name: 'fe4', subnet: { id: DUAL }, privateIPAddressVersion: 'IPv4' },
      { name: 'fe6', subnet: { id: DUAL }, privateIPAddressVersion: 'IPv6' },
    ];
    const rule = (name: string, frontend: string, backend: string) => ({
      name,
      frontendIPConfiguration: { id: `${lbId}/frontendIPConfigurations/${frontend}` },
      backendAddressPool: { id: pool(backend) },
      protocol: 'All',
      frontendPort: 0,
      backendPort: 0,
    });
    const putLb = (sku: string, loadBalancingRules: object[] = []) =>
      client.loadBalancers.beginCreateOrUpdateAndWait(
        RG,
        'e2e-lb',
        {
          location: LOCATION,
          sku: { name: sku },
          frontendIPConfigurations: frontends,
          backendAddressPools: [{ name: 'pool4' }, { name: 'pool6' }],
          loadBalancingRules,
        },
        POLL,
      );

    it('refuses an IPv6 frontend on a Basic load balancer and accepts it on Standard', async () => {
      await expectRefused(
        putLb('Basic'),
        ipv6FrontendNotSupportedOnBasicLoadBalancer(
          lbId,
          `${lbId}/frontendIPConfigurations/fe6`,
          'properties.frontendIPConfigurations[1]',
        ),
      );
      expect((await putLb('Standard')).provisioningState).toBe('Succeeded');
    });

    it('refuses NIC pool memberships and rules that mix IP versions', async () => {
      await putLb('Standard');
      await client.networkInterfaces.beginCreateOrUpdateAndWait(
        RG,
        'e2e-member',
        {
          location: LOCATION,
          ipConfigurations: [
            ipConfig('v4', 'IPv4', true, DUAL, [pool('pool4')]),
            ipConfig('v6', 'IPv6', false, DUAL, [pool('pool6')]),
          ],
        },
        POLL,
      );
      const joiner = networkId('networkInterfaces', 'e2e-joiner');
      await expectRefused(
        client.networkInterfaces.beginCreateOrUpdateAndWait(
          RG,
          'e2e-joiner',
          {
            location: LOCATION,
            ipConfigurations: [
              ipConfig('v4', 'IPv4', true),
              ipConfig('v6', 'IPv6', false, DUAL, [pool('pool4')]),
            ],
          },
          POLL,
        ),
        backendPoolIpVersionMismatch(
          `${joiner}/ipConfigurations/v6`,
          'IPv6',
          `${networkId('networkInterfaces', 'e2e-member')}/ipConfigurations/v4`,
          'IPv4',
          pool('pool4'),
          'properties.ipConfigurations[1].properties.loadBalancerBackendAddressPools[0]',
        ),
      );
      await expectRefused(
        putLb('Standard', [rule('r4', 'fe4', 'pool4'), rule('cross', 'fe6', 'pool4')]),
        loadBalancingRuleIpVersionMismatch(
          `${lbId}/loadBalancingRules/cross`,
          `${lbId}/frontendIPConfigurations/fe6`,
          'IPv6',
          pool('pool4'),
          'IPv4',
          'properties.loadBalancingRules[1]',
        ),
      );
      const ok = await putLb('Standard', [rule('r4', 'fe4', 'pool4'), rule('r6', 'fe6', 'pool6')]);
      expect(ok.loadBalancingRules).toHaveLength(2);
    });
  });

  describe('route tables', () => {
    const rt = networkId('routeTables', 'e2e-rt');
    const put = (route: object) =>
      client.routeTables.beginCreateOrUpdateAndWait(
        RG,
        'e2e-rt',
        { location: LOCATION, routes: [route] },
        POLL,
      );

    it('refuses an IPv6 route to an IPv4 next hop or to VirtualNetworkGateway; accepts an IPv6 appliance', async () => {
      await expectRefused(
        put({
          name: 'v6',
          addressPrefix: '::/0',
          nextHopType: 'VirtualAppliance',
          nextHopIpAddress: '10.20.0.4',
        }),
        routeNextHopIpVersionMismatch(
          `${rt}/routes/v6`,
          'IPv6',
          '10.20.0.4',
          'IPv4',
          'properties.routes[0].properties.nextHopIpAddress',
        ),
      );
      await expectRefused(
        put({ name: 'v6', addressPrefix: 'fd00:1::/48', nextHopType: 'VirtualNetworkGateway' }),
        ipv6RouteVirtualNetworkGatewayNextHopNotSupported(
          `${rt}/routes/v6`,
          'properties.routes[0].properties.nextHopType',
        ),
      );
      const ok = await put({
        name: 'v6',
        addressPrefix: '::/0',
        nextHopType: 'VirtualAppliance',
        nextHopIpAddress: 'fd00:db8:20:1::4',
      });
      expect(ok.routes?.[0]?.nextHopIpAddress).toBe('fd00:db8:20:1::4');
    });
  });

  describe('network security groups', () => {
    it('refuses a rule mixing IPv4 and IPv6 prefixes; accepts a tag with IPv6', async () => {
      const nsg = networkId('networkSecurityGroups', 'e2e-nsg');
      const put = (source: string, destination: string) =>
        client.networkSecurityGroups.beginCreateOrUpdateAndWait(
          RG,
          'e2e-nsg',
          {
            location: LOCATION,
            securityRules: [
              {
                name: 'r',
                protocol: 'Tcp',
                access: 'Allow',
                direction: 'Inbound',
                priority: 100,
                sourceAddressPrefix: source,
                sourcePortRange: '*',
                destinationAddressPrefix: destination,
                destinationPortRange: '443',
              },
            ],
          },
          POLL,
        );
      await expectRefused(
        put('10.0.0.0/8', 'fd00:db8:20:1::/64'),
        addressPrefixesFromDifferentAddressFamilies(
          `${nsg}/securityRules/r`,
          'properties.securityRules[0].properties',
        ),
      );
      expect((await put('VirtualNetwork', 'fd00:db8:20:1::/64')).provisioningState).toBe('Succeeded');
    });
  });

  describe('request body schema', () => {
    it('answers a body of the wrong type with InvalidRequestFormat naming the field', async () => {
      const response = await armRequest(
        handle,
        'PUT',
        `${networkId('virtualNetworks', 'e2e-schema')}?api-version=2025-05-01`,
        { body: { location: LOCATION, properties: { addressSpace: { addressPrefixes: '10.60.0.0/16' } } } },
      );
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe(invalidRequestFormat('', '').code);
      expect(response.body.error.target).toBe('properties.addressSpace.addressPrefixes');
    });
  });
});
