import {
  invalidAddressPrefixFormat,
  invalidCidrNotation,
  invalidSubnetIPv6PrefixLength,
  ipv6AddressesNotSupportedWithResourceNavigationLinks,
  ipv6OnlySubnetNotSupported,
  ipv6OnlyVirtualNetworkNotSupported,
  subnetPrefixTooSmall,
  subnetRangeOutsideVnet,
  subnetRangesOverlap,
  virtualNetworkIPv6PrefixLengthNotSupported,
  vnetAddressSpaceOverlapsWithAlreadyPeeredVnet,
  vnetAddressSpacesOverlap,
} from '../../../../src/arm/errors/virtualNetworkErrors';
import { expectRefused, NET, subnetId, vnet, write } from '../fixtures';

const HUB = `${NET}/virtualNetworks/hub`;
const SPOKE = `${NET}/virtualNetworks/spoke`;

describe('virtual network write rules', () => {
  it('accepts a dual-stack VNet with dual-stack and IPv4-only subnets', () => {
    const dual = vnet(
      'hub',
      ['10.0.0.0/16', 'fd00:db8:0::/56'],
      [
        { name: 'a', prefixes: ['10.0.0.0/24', 'fd00:db8:0:1::/64'] },
        { name: 'b', prefixes: ['10.0.1.0/29'] },
      ],
    );
    expect(write(dual)).toBeUndefined();
  });

  describe('malformed CIDR', () => {
    it.each(['10.0.0.0', '10.0.0.0/33', '10.0.0.256/24', 'fd00::db8::/48', 'fd00:db8::/129', 'banana'])(
      'refuses VNet prefix %j with InvalidAddressPrefixFormat',
      (prefix) => {
        const target = 'properties.addressSpace.addressPrefixes[1]';
        expectRefused(
          write(vnet('hub', ['10.1.0.0/16', prefix])),
          invalidAddressPrefixFormat(prefix, HUB, target),
        );
      },
    );

    it('refuses host bits in a VNet prefix (IPv4 and IPv6) with the canonical prefix in the message', () => {
      expectRefused(
        write(vnet('hub', ['10.0.0.1/16'])),
        invalidCidrNotation('10.0.0.1/16', HUB, '10.0.0.0/16', 'properties.addressSpace.addressPrefixes[0]'),
      );
      expectRefused(
        write(vnet('hub', ['10.0.0.0/16', 'fd00:db8:0:1::/48'])),
        invalidCidrNotation(
          'fd00:db8:0:1::/48',
          HUB,
          'fd00:db8::/48',
          'properties.addressSpace.addressPrefixes[1]',
        ),
      );
    });

    it('refuses a malformed subnet prefix, naming the subnet', () => {
      const bad = vnet('hub', ['10.0.0.0/16'], [{ name: 'a', prefixes: ['10.0.1.1/24'] }]);
      expectRefused(
        write(bad),
        invalidCidrNotation(
          '10.0.1.1/24',
          subnetId('hub', 'a'),
          '10.0.1.0/24',
          'properties.subnets[0].properties.addressPrefix',
        ),
      );
      const worse = vnet('hub', ['10.0.0.0/16'], [{ name: 'a', prefixes: ['10.0.1.0/24', 'fd00:xyz::/64'] }]);
      expectRefused(
        write(worse),
        invalidAddressPrefixFormat(
          'fd00:xyz::/64',
          subnetId('hub', 'a'),
          'properties.subnets[0].properties.addressPrefixes[1]',
        ),
      );
    });
  });

  it('accepts VNet IPv6 blocks from /48 to /64 and refuses others', () => {
    for (const prefix of ['fd00:db8::/48', 'fd00:db8::/56', 'fd00:db8::/63', 'fd00:db8::/64']) {
      expect(write(vnet('hub', ['10.0.0.0/16', prefix]))).toBeUndefined();
    }
    for (const prefix of ['fd00::/40', 'fd00:db8::/65']) {
      expectRefused(
        write(vnet('hub', ['10.0.0.0/16', prefix])),
        virtualNetworkIPv6PrefixLengthNotSupported(prefix, HUB, 'properties.addressSpace.addressPrefixes[1]'),
      );
    }
  });

  it('refuses a VNet with IPv6 space only', () => {
    expectRefused(
      write(vnet('hub', ['fd00:db8::/48'])),
      ipv6OnlyVirtualNetworkNotSupported(HUB, 'properties.addressSpace.addressPrefixes'),
    );
  });

  it('refuses a subnet outside the VNet space, per version', () => {
    expectRefused(
      write(vnet('hub', ['10.0.0.0/16'], [{ name: 'a', prefixes: ['10.1.0.0/24'] }])),
      subnetRangeOutsideVnet('a', 'hub', 'properties.subnets[0].properties.addressPrefix'),
    );
    expectRefused(
      write(
        vnet(
          'hub',
          ['10.0.0.0/16', 'fd00:db8::/56'],
          [{ name: 'a', prefixes: ['10.0.0.0/24', 'fd00:db9::/64'] }],
        ),
      ),
      subnetRangeOutsideVnet('a', 'hub', 'properties.subnets[0].properties.addressPrefixes[1]'),
    );
  });

  it('refuses overlapping subnets, IPv4 or IPv6', () => {
    expectRefused(
      write(
        vnet(
          'hub',
          ['10.0.0.0/16'],
          [
            { name: 'a', prefixes: ['10.0.0.0/24'] },
            { name: 'b', prefixes: ['10.0.0.128/25'] },
          ],
        ),
      ),
      subnetRangesOverlap('b', 'hub', 'properties.subnets[1].properties.addressPrefix'),
    );
    expectRefused(
      write(
        vnet(
          'hub',
          ['10.0.0.0/16', 'fd00:db8::/56'],
          [
            { name: 'a', prefixes: ['10.0.0.0/24', 'fd00:db8:0:1::/64'] },
            { name: 'b', prefixes: ['10.0.1.0/24', 'fd00:db8:0:1::/64'] },
          ],
        ),
      ),
      subnetRangesOverlap('b', 'hub', 'properties.subnets[1].properties.addressPrefixes[1]'),
    );
  });

  it('refuses an IPv4 subnet smaller than /29 and accepts /29', () => {
    expect(write(vnet('hub', ['10.0.0.0/16'], [{ name: 'a', prefixes: ['10.0.0.0/29'] }]))).toBeUndefined();
    expectRefused(
      write(vnet('hub', ['10.0.0.0/16'], [{ name: 'a', prefixes: ['10.0.0.0/30'] }])),
      subnetPrefixTooSmall('a', 'hub', '10.0.0.0/30', 'properties.subnets[0].properties.addressPrefix'),
    );
  });

  it.each(['fd00:db8:0:100::/56', 'fd00:db8:0:1::/80'])(
    'refuses IPv6 subnet prefix %s (only /64)',
    (prefix) => {
      expectRefused(
        write(
          vnet('hub', ['10.0.0.0/16', 'fd00:db8::/48'], [{ name: 'a', prefixes: ['10.0.0.0/24', prefix] }]),
        ),
        invalidSubnetIPv6PrefixLength('a', prefix, 'properties.subnets[0].properties.addressPrefixes[1]'),
      );
    },
  );

  it('refuses an IPv6-only subnet', () => {
    expectRefused(
      write(vnet('hub', ['10.0.0.0/16', 'fd00:db8::/56'], [{ name: 'a', prefixes: ['fd00:db8:0:1::/64'] }])),
      ipv6OnlySubnetNotSupported('a', 'hub', 'properties.subnets[0].properties'),
    );
  });

  describe('resource navigation links', () => {
    const before = vnet(
      'hub',
      ['10.0.0.0/16'],
      [{ name: 'a', prefixes: ['10.0.0.0/24'], navigationLinks: true }],
    );

    it('refuses adding IPv6 space to a VNet whose subnet has links', () => {
      expectRefused(
        write(
          vnet('hub', ['10.0.0.0/16', 'fd00:db8::/56'], [{ name: 'a', prefixes: ['10.0.0.0/24'] }]),
          [],
          before,
        ),
        ipv6AddressesNotSupportedWithResourceNavigationLinks(HUB, 'properties.addressSpace.addressPrefixes'),
      );
    });

    it('accepts other changes to such a VNet, and IPv6 that was already there', () => {
      expect(
        write(
          vnet('hub', ['10.0.0.0/16', '10.1.0.0/16'], [{ name: 'a', prefixes: ['10.0.0.0/24'] }]),
          [],
          before,
        ),
      ).toBeUndefined();
      const dual = vnet(
        'hub',
        ['10.0.0.0/16', 'fd00:db8::/56'],
        [{ name: 'a', prefixes: ['10.0.0.0/24'], navigationLinks: true }],
      );
      expect(
        write(
          vnet('hub', ['10.0.0.0/16', 'FD00:DB8:0::/56'], [{ name: 'a', prefixes: ['10.0.0.0/24'] }]),
          [],
          dual,
        ),
      ).toBeUndefined();
    });

    it('accepts adding IPv6 when no subnet has links', () => {
      const plain = vnet('hub', ['10.0.0.0/16'], [{ name: 'a', prefixes: ['10.0.0.0/24'] }]);
      expect(
        write(
          vnet('hub', ['10.0.0.0/16', 'fd00:db8::/56'], [{ name: 'a', prefixes: ['10.0.0.0/24'] }]),
          [],
          plain,
        ),
      ).toBeUndefined();
    });
  });

  describe('peered address spaces', () => {
    const spoke = vnet('spoke', ['10.1.0.0/16', 'fd00:db8:1::/56'], [], [{ name: 'to-hub', remote: 'hub' }]);

    it('accepts a peering between disjoint VNets', () => {
      expect(
        write(vnet('hub', ['10.0.0.0/16', 'fd00:db8::/56'], [], [{ name: 'to-spoke', remote: 'spoke' }]), [
          spoke,
        ]),
      ).toBeUndefined();
    });

    it('refuses a new peering whose remote overlaps (IPv6 too)', () => {
      const hub = vnet(
        'hub',
        ['10.0.0.0/16', 'fd00:db8:1:ff::/64'],
        [],
        [{ name: 'to-spoke', remote: 'spoke' }],
      );
      expectRefused(
        write(hub, [spoke]),
        vnetAddressSpacesOverlap(
          `${HUB}/virtualNetworkPeerings/to-spoke`,
          HUB,
          SPOKE,
          ['fd00:db8:1:ff::/64'],
          'properties.virtualNetworkPeerings[0]',
        ),
      );
    });

    it('refuses an address-space change that overlaps a VNet peered to this one (peering stored on the remote)', () => {
      const hub = vnet('hub', ['10.0.0.0/16', '10.1.128.0/17']);
      expectRefused(
        write(hub, [spoke]),
        vnetAddressSpacesOverlap(
          `${SPOKE}/virtualNetworkPeerings/to-hub`,
          SPOKE,
          HUB,
          ['10.1.128.0/17'],
          'properties.addressSpace.addressPrefixes',
        ),
      );
    });

    it('re-checks an existing peering when the address space grows into the remote', () => {
      const before = vnet('hub', ['10.0.0.0/16'], [], [{ name: 'to-spoke', remote: 'spoke' }]);
      const after = vnet(
        'hub',
        ['10.0.0.0/16', '10.1.128.0/17'],
        [],
        [{ name: 'to-spoke', remote: 'spoke' }],
      );
      expectRefused(
        write(after, [spoke], before),
        vnetAddressSpacesOverlap(
          `${HUB}/virtualNetworkPeerings/to-spoke`,
          HUB,
          SPOKE,
          ['10.1.128.0/17'],
          'properties.virtualNetworkPeerings[0]',
        ),
      );
    });

    it('does not re-check peerings when neither the space nor the peering changed', () => {
      // The stored pair overlaps (Azure could never have stored it): a rewrite that adds a subnet is not blamed for it.
      const before = vnet('hub', ['10.1.0.0/16'], [], [{ name: 'to-spoke', remote: 'spoke' }]);
      const after = vnet(
        'hub',
        ['10.1.0.0/16'],
        [{ name: 'a', prefixes: ['10.1.0.0/24'] }],
        [{ name: 'to-spoke', remote: 'spoke' }],
      );
      expect(write(after, [spoke], before)).toBeUndefined();
    });

    it('accepts the same overlap when the VNets are not peered', () => {
      const lonely = vnet('spoke', ['10.1.0.0/16']);
      expect(write(vnet('hub', ['10.0.0.0/16', '10.1.128.0/17']), [lonely])).toBeUndefined();
    });

    it('refuses a new peering that overlaps a VNet already peered with the remote', () => {
      const hub = vnet('hub', ['10.0.0.0/16'], [], [{ name: 'to-spoke', remote: 'spoke' }]);
      const other = vnet('other', ['10.1.0.0/24'], [], [{ name: 'to-hub', remote: 'hub' }]);
      const OTHER = `${NET}/virtualNetworks/other`;
      expectRefused(
        write(other, [hub, spoke]),
        vnetAddressSpaceOverlapsWithAlreadyPeeredVnet(
          `${OTHER}/virtualNetworkPeerings/to-hub`,
          OTHER,
          HUB,
          SPOKE,
          ['10.1.0.0/24'],
          'properties.virtualNetworkPeerings[0]',
        ),
      );
    });
  });
});
