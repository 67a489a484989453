import {
  ipv6FrontendNotSupportedOnBasicLoadBalancer,
  loadBalancingRuleIpVersionMismatch,
} from '../../../../src/arm/errors/loadBalancerErrors';
import {
  privateIpAddressNotInSubnet,
  subnetHasNoIPv6AddressPrefix,
} from '../../../../src/arm/errors/virtualNetworkErrors';
import {
  expectRefused,
  loadBalancer,
  NET,
  nic,
  poolId,
  publicIp,
  write,
  dualStackSpoke,
  DUAL_SUBNET,
  IPV4_ONLY_SUBNET,
} from '../fixtures';

const LB = `${NET}/loadBalancers/ilb`;
const spoke = dualStackSpoke;
const DUAL = DUAL_SUBNET;
const V4ONLY = IPV4_ONLY_SUBNET;
const members = [
  nic('vm4-nic', [{ name: 'ipv4', primary: true, subnet: DUAL, pools: [poolId('ilb', 'pool4')] }]),
  nic('vm6-nic', [
    { name: 'ipv4', primary: true, subnet: DUAL },
    { name: 'ipv6', version: 'IPv6', subnet: DUAL, pools: [poolId('ilb', 'pool6')] },
  ]),
];
const frontends = [
  { name: 'fe4', subnet: DUAL },
  { name: 'fe6', version: 'IPv6' as const, subnet: DUAL },
];

describe('load balancer write rules', () => {
  it('accepts a dual-stack Standard internal LB with a rule per version', () => {
    const lb = loadBalancer(
      'ilb',
      'Standard',
      frontends,
      ['pool4', 'pool6', 'empty'],
      [
        { name: 'r4', frontend: 'fe4', pool: 'pool4' },
        { name: 'r6', frontend: 'fe6', pool: 'pool6' },
        { name: 'r6-empty', frontend: 'fe6', pool: 'empty' },
      ],
    );
    expect(write(lb, [spoke, ...members])).toBeUndefined();
  });

  it('refuses a rule whose frontend and backend pool differ in IP version', () => {
    const lb = loadBalancer(
      'ilb',
      'Standard',
      frontends,
      ['pool4', 'pool6'],
      [
        { name: 'r4', frontend: 'fe4', pool: 'pool4' },
        { name: 'cross', frontend: 'fe6', pool: 'pool4' },
      ],
    );
    expectRefused(
      write(lb, [spoke, ...members]),
      loadBalancingRuleIpVersionMismatch(
        `${LB}/loadBalancingRules/cross`,
        `${LB}/frontendIPConfigurations/fe6`,
        'IPv6',
        poolId('ilb', 'pool4'),
        'IPv4',
        'properties.loadBalancingRules[1]',
      ),
    );
  });

  it('takes a public frontend version from its public IP', () => {
    const pip6 = publicIp('pip6', 'IPv6');
    const lb = loadBalancer(
      'ilb',
      'Standard',
      [{ name: 'pub6', publicIp: pip6.id }],
      ['pool4'],
      [{ name: 'cross', frontend: 'pub6', pool: 'pool4' }],
    );
    expect(write(lb, [spoke, pip6, ...members])?.code).toBe(
      loadBalancingRuleIpVersionMismatch('', '', 'IPv6', '', 'IPv4', '').code,
    );
  });

  it('refuses an IPv6 frontend on a Basic load balancer (and when the SKU is omitted)', () => {
    for (const sku of ['Basic', undefined] as const) {
      expectRefused(
        write(loadBalancer('ilb', sku, frontends, []), [spoke]),
        ipv6FrontendNotSupportedOnBasicLoadBalancer(
          LB,
          `${LB}/frontendIPConfigurations/fe6`,
          'properties.frontendIPConfigurations[1]',
        ),
      );
    }
    expect(write(loadBalancer('ilb', 'Basic', [{ name: 'fe4', subnet: DUAL }], []), [spoke])).toBeUndefined();
  });

  it('refuses an IPv6 frontend in a subnet without an IPv6 prefix', () => {
    const lb = loadBalancer('ilb', 'Standard', [{ name: 'fe6', version: 'IPv6', subnet: V4ONLY }], []);
    expectRefused(
      write(lb, [spoke]),
      subnetHasNoIPv6AddressPrefix(
        V4ONLY,
        `${LB}/frontendIPConfigurations/fe6`,
        'properties.frontendIPConfigurations[0].properties.subnet',
      ),
    );
  });

  it('refuses a static frontend address outside its subnet', () => {
    const lb = loadBalancer('ilb', 'Standard', [{ name: 'fe4', subnet: DUAL }], []);
    const props = (lb.properties?.frontendIPConfigurations as { properties: Record<string, unknown> }[])[0]!
      .properties;
    Object.assign(props, { privateIPAddress: '10.1.1.10', privateIPAllocationMethod: 'Static' });
    expectRefused(
      write(lb, [spoke]),
      privateIpAddressNotInSubnet(
        '10.1.1.10',
        '10.1.0.0/24',
        'properties.frontendIPConfigurations[0].properties.privateIPAddress',
      ),
    );
  });
});
