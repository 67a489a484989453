import {
  inUseSubnetCannotBeUpdated,
  subnetRangeOutsideVnet,
} from '../../../../src/arm/errors/virtualNetworkErrors';
import { expectRefused, loadBalancer, NET, nic, subnetId, vnet, write } from '../fixtures';

const APP = subnetId('spoke', 'app');
const WEB = subnetId('spoke', 'web');
const APP_V6 = 'fd00:db8:1:1::/64';
const SPACE = ['10.1.0.0/16', 'fd00:db8:1::/56'];
const WEB_PREFIXES = ['10.1.1.0/24', 'fd00:db8:1:2::/64'];

/** The spoke as stored: two dual-stack subnets. */
const stored = vnet('spoke', SPACE, [
  { name: 'app', prefixes: ['10.1.0.0/24', APP_V6] },
  { name: 'web', prefixes: WEB_PREFIXES },
]);

/** The spoke with `app` back to IPv4 only. */
function withoutAppIPv6(space = SPACE, web = WEB_PREFIXES) {
  return vnet('spoke', space, [
    { name: 'app', prefixes: ['10.1.0.0/24'] },
    { name: 'web', prefixes: web },
  ]);
}

const dualNic = nic('vm', [
  { name: 'v4', subnet: APP },
  { name: 'v6', version: 'IPv6', subnet: APP },
]);

describe('removing a subnet IPv6 prefix', () => {
  it('is refused while a NIC IPv6 ip configuration sits in the subnet, naming subnet, holder and field', () => {
    expectRefused(
      write(withoutAppIPv6(), [dualNic], stored),
      inUseSubnetCannotBeUpdated(
        APP,
        `${NET}/networkInterfaces/vm/ipConfigurations/v6`,
        APP_V6,
        'properties.subnets[0].properties.addressPrefix',
      ),
    );
  });

  it('reads the ip configuration version case-insensitively', () => {
    const lowerCase = nic('vm', [
      { name: 'v4', subnet: APP },
      { name: 'v6', subnet: APP },
    ]);
    const v6 = lowerCase.properties?.ipConfigurations as { properties: Record<string, unknown> }[];
    v6[1]!.properties.privateIPAddressVersion = 'ipv6';
    expect(write(withoutAppIPv6(), [lowerCase], stored)?.code).toBe('InUseSubnetCannotBeUpdated');
  });

  it('is refused while an IPv6 load-balancer frontend sits in the subnet', () => {
    const lb = loadBalancer('ilb', 'Standard', [{ name: 'fe6', version: 'IPv6', subnet: APP }], []);
    expectRefused(
      write(withoutAppIPv6(), [lb], stored),
      inUseSubnetCannotBeUpdated(
        APP,
        `${NET}/loadBalancers/ilb/frontendIPConfigurations/fe6`,
        APP_V6,
        'properties.subnets[0].properties.addressPrefix',
      ),
    );
  });

  it('is refused when the /64 is swapped for another one under an IPv6 configuration', () => {
    const swapped = vnet('spoke', SPACE, [
      { name: 'app', prefixes: ['10.1.0.0/24', 'fd00:db8:1:9::/64'] },
      { name: 'web', prefixes: WEB_PREFIXES },
    ]);
    expect(write(swapped, [dualNic], stored)?.code).toBe('InUseSubnetCannotBeUpdated');
  });

  it('is accepted when only IPv4 configurations use the subnet', () => {
    const ipv4Only = nic('vm', [{ name: 'v4', subnet: APP }]);
    expect(write(withoutAppIPv6(), [ipv4Only], stored)).toBeUndefined();
  });

  it('is accepted when the IPv6 configurations sit in another subnet', () => {
    const inWeb = nic('vm', [
      { name: 'v4', subnet: WEB },
      { name: 'v6', version: 'IPv6', subnet: WEB },
    ]);
    expect(write(withoutAppIPv6(), [inWeb], stored)).toBeUndefined();
  });

  it('is accepted together with the VNet IPv6 space once nothing IPv6 is left in the subnets', () => {
    const ipv4 = vnet(
      'spoke',
      ['10.1.0.0/16'],
      [
        { name: 'app', prefixes: ['10.1.0.0/24'] },
        { name: 'web', prefixes: ['10.1.1.0/24'] },
      ],
    );
    expect(write(ipv4, [nic('vm', [{ name: 'v4', subnet: APP }])], stored)).toBeUndefined();
  });
});

describe('removing VNet IPv6 space', () => {
  it('is refused while a subnet keeps an IPv6 prefix inside it', () => {
    const spaceOnly = vnet(
      'spoke',
      ['10.1.0.0/16'],
      [
        { name: 'app', prefixes: ['10.1.0.0/24', APP_V6] },
        { name: 'web', prefixes: WEB_PREFIXES },
      ],
    );
    expectRefused(
      write(spaceOnly, [], stored),
      subnetRangeOutsideVnet('app', 'spoke', 'properties.subnets[0].properties.addressPrefixes[1]'),
    );
  });
});
