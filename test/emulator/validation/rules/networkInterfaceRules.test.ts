import { backendPoolIpVersionMismatch } from '../../../../src/arm/errors/loadBalancerErrors';
import {
  networkInterfaceMustHaveIPv4IpConfiguration,
  onlyOneIPv6IpConfigurationAllowed,
  primaryIpConfigurationMustBeIPv4,
} from '../../../../src/arm/errors/networkInterfaceErrors';
import {
  privateIpAddressInReservedRange,
  privateIpAddressNotInSubnet,
  subnetHasNoIPv6AddressPrefix,
} from '../../../../src/arm/errors/virtualNetworkErrors';
import {
  expectRefused,
  loadBalancer,
  NET,
  nic,
  poolId,
  write,
  dualStackSpoke,
  DUAL_SUBNET,
  IPV4_ONLY_SUBNET,
} from '../fixtures';

const NIC = `${NET}/networkInterfaces/vm1-nic`;
const spoke = dualStackSpoke;
const DUAL = DUAL_SUBNET;
const V4ONLY = IPV4_ONLY_SUBNET;

describe('network interface write rules', () => {
  it('accepts an IPv4 primary with one IPv6 secondary in a dual-stack subnet', () => {
    const ok = nic('vm1-nic', [
      { name: 'ipv4', primary: true, subnet: DUAL },
      { name: 'ipv6', version: 'IPv6', primary: false, subnet: DUAL },
      { name: 'ipv4-extra', version: 'IPv4', subnet: DUAL },
    ]);
    expect(write(ok, [spoke])).toBeUndefined();
  });

  it('refuses IPv6 on the primary ip configuration, flagged or implied', () => {
    const flagged = nic('vm1-nic', [
      { name: 'ipv4', primary: false, subnet: DUAL },
      { name: 'ipv6', version: 'IPv6', primary: true, subnet: DUAL },
    ]);
    expectRefused(
      write(flagged, [spoke]),
      primaryIpConfigurationMustBeIPv4(NIC, `${NIC}/ipConfigurations/ipv6`, 'properties.ipConfigurations[1]'),
    );
    const only = nic('vm1-nic', [{ name: 'ipv6', version: 'IPv6', subnet: DUAL }]);
    expectRefused(
      write(only, [spoke]),
      primaryIpConfigurationMustBeIPv4(NIC, `${NIC}/ipConfigurations/ipv6`, 'properties.ipConfigurations[0]'),
    );
  });

  it('refuses a second IPv6 ip configuration', () => {
    const two = nic('vm1-nic', [
      { name: 'ipv4', primary: true, subnet: DUAL },
      { name: 'ipv6a', version: 'IPv6', subnet: DUAL },
      { name: 'ipv6b', version: 'IPv6', subnet: DUAL },
    ]);
    expectRefused(
      write(two, [spoke]),
      onlyOneIPv6IpConfigurationAllowed(NIC, 2, 'properties.ipConfigurations[2]'),
    );
  });

  it('refuses a NIC without any IPv4 ip configuration', () => {
    expectRefused(
      write(nic('vm1-nic', []), [spoke]),
      networkInterfaceMustHaveIPv4IpConfiguration(NIC, 'properties.ipConfigurations'),
    );
  });

  it('refuses an IPv6 ip configuration in a subnet without an IPv6 prefix', () => {
    const bad = nic('vm1-nic', [
      { name: 'ipv4', primary: true, subnet: V4ONLY },
      { name: 'ipv6', version: 'IPv6', subnet: V4ONLY },
    ]);
    expectRefused(
      write(bad, [spoke]),
      subnetHasNoIPv6AddressPrefix(
        V4ONLY,
        `${NIC}/ipConfigurations/ipv6`,
        'properties.ipConfigurations[1].properties.subnet',
      ),
    );
  });

  describe('static private addresses', () => {
    const withAddress = (address: string, allocation: 'Static' | 'Dynamic' = 'Static') =>
      nic('vm1-nic', [
        { name: 'ipv4', primary: true, subnet: DUAL },
        { name: 'ipv6', version: 'IPv6', subnet: DUAL, address, allocation },
      ]);
    const target = 'properties.ipConfigurations[1].properties.privateIPAddress';

    it('accepts a static address past the reserved ones', () => {
      expect(write(withAddress('fd00:db8:1:1::4'), [spoke])).toBeUndefined();
    });

    it('refuses a static address outside the subnet', () => {
      expectRefused(
        write(withAddress('fd00:db8:1:2::4'), [spoke]),
        privateIpAddressNotInSubnet('fd00:db8:1:2::4', 'fd00:db8:1:1::/64', target),
      );
    });

    it('refuses the first four addresses and the IPv4 broadcast address', () => {
      expectRefused(
        write(withAddress('fd00:db8:1:1::3'), [spoke]),
        privateIpAddressInReservedRange('fd00:db8:1:1::3', 'fd00:db8:1:1::/64', target),
      );
      const broadcast = nic('vm1-nic', [
        { name: 'ipv4', primary: true, subnet: DUAL, address: '10.1.0.255', allocation: 'Static' },
      ]);
      expectRefused(
        write(broadcast, [spoke]),
        privateIpAddressInReservedRange(
          '10.1.0.255',
          '10.1.0.0/24',
          'properties.ipConfigurations[0].properties.privateIPAddress',
        ),
      );
    });

    it('ignores the address of a Dynamic configuration, which ARM reallocates', () => {
      expect(write(withAddress('fd00:db8:1:2::1', 'Dynamic'), [spoke])).toBeUndefined();
    });
  });

  describe('backend pool membership', () => {
    const lb = loadBalancer('ilb', 'Standard', [{ name: 'fe4', subnet: DUAL }], ['pool4', 'pool6']);
    const POOL4 = poolId('ilb', 'pool4');
    const POOL6 = poolId('ilb', 'pool6');
    const member4 = nic('vm2-nic', [{ name: 'ipv4', primary: true, subnet: DUAL, pools: [POOL4] }]);
    const member6 = nic('vm2-nic', [
      { name: 'ipv4', primary: true, subnet: DUAL },
      { name: 'ipv6', version: 'IPv6', subnet: DUAL, pools: [POOL6] },
    ]);

    it('accepts each version joining the pool of its own version', () => {
      const joining = nic('vm1-nic', [
        { name: 'ipv4', primary: true, subnet: DUAL, pools: [POOL4] },
        { name: 'ipv6', version: 'IPv6', subnet: DUAL, pools: [POOL6] },
      ]);
      expect(write(joining, [spoke, lb, member4, member6])).toBeUndefined();
    });

    it('refuses an IPv6 ip configuration joining a pool of IPv4 members', () => {
      const joining = nic('vm1-nic', [
        { name: 'ipv4', primary: true, subnet: DUAL },
        { name: 'ipv6', version: 'IPv6', subnet: DUAL, pools: [POOL4] },
      ]);
      expectRefused(
        write(joining, [spoke, lb, member4]),
        backendPoolIpVersionMismatch(
          `${NIC}/ipConfigurations/ipv6`,
          'IPv6',
          `${NET}/networkInterfaces/vm2-nic/ipConfigurations/ipv4`,
          'IPv4',
          POOL4,
          'properties.ipConfigurations[1].properties.loadBalancerBackendAddressPools[0]',
        ),
      );
    });

    it('refuses an IPv4 ip configuration joining a pool of IPv6 members', () => {
      const joining = nic('vm1-nic', [{ name: 'ipv4', primary: true, subnet: DUAL, pools: [POOL6] }]);
      expectRefused(
        write(joining, [spoke, lb, member6]),
        backendPoolIpVersionMismatch(
          `${NIC}/ipConfigurations/ipv4`,
          'IPv4',
          `${NET}/networkInterfaces/vm2-nic/ipConfigurations/ipv6`,
          'IPv6',
          POOL6,
          'properties.ipConfigurations[0].properties.loadBalancerBackendAddressPools[0]',
        ),
      );
    });

    it('refuses both ip configurations of one NIC in the same pool', () => {
      const both = nic('vm1-nic', [
        { name: 'ipv4', primary: true, subnet: DUAL, pools: [POOL4] },
        { name: 'ipv6', version: 'IPv6', subnet: DUAL, pools: [POOL4] },
      ]);
      expectRefused(
        write(both, [spoke, lb]),
        backendPoolIpVersionMismatch(
          `${NIC}/ipConfigurations/ipv6`,
          'IPv6',
          `${NIC}/ipConfigurations/ipv4`,
          'IPv4',
          POOL4,
          'properties.ipConfigurations[1].properties.loadBalancerBackendAddressPools[0]',
        ),
      );
    });

    it("ignores the NIC's own stored membership, which this write replaces", () => {
      const before = nic('vm1-nic', [{ name: 'ipv4', primary: true, subnet: DUAL, pools: [POOL6] }]);
      const after = nic('vm1-nic', [
        { name: 'ipv4', primary: true, subnet: DUAL },
        { name: 'ipv6', version: 'IPv6', subnet: DUAL, pools: [POOL6] },
      ]);
      expect(write(after, [spoke, lb], before)).toBeUndefined();
    });

    it('does not re-check a membership the stored NIC already had', () => {
      // A legacy mixed pool: the unchanged IPv4 membership is not blamed, the new IPv6 one would be.
      const before = nic('vm1-nic', [{ name: 'ipv4', primary: true, subnet: DUAL, pools: [POOL6] }]);
      const after = nic('vm1-nic', [
        { name: 'ipv4', primary: true, subnet: DUAL, pools: [POOL6] },
        { name: 'ipv6', version: 'IPv6', subnet: DUAL },
      ]);
      expect(write(after, [spoke, lb, member6], before)).toBeUndefined();
    });

    it("uses the pool's backendIPConfigurations when the store keeps them", () => {
      const listed = structuredClone(lb);
      const pools = (listed.properties?.backendAddressPools ?? []) as { properties?: unknown }[];
      pools[0]!.properties = {
        backendIPConfigurations: [{ id: `${NET}/networkInterfaces/vm2-nic/ipConfigurations/ipv4` }],
      };
      const joining = nic('vm1-nic', [
        { name: 'ipv4', primary: true, subnet: DUAL },
        { name: 'ipv6', version: 'IPv6', subnet: DUAL, pools: [POOL4] },
      ]);
      expect(write(joining, [spoke, listed, member4])?.code).toBe(
        backendPoolIpVersionMismatch('', 'IPv6', '', 'IPv4', POOL4, '').code,
      );
    });
  });
});
