import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isCanonical, parseCidr } from '../../../../src/arm/cidr';
import { ConfigError } from '../../../../src/planner/config/ConfigError';
import { derivePool } from '../../../../src/planner/config/derivePool';
import { parseConfig } from '../../../../src/planner/config/parseConfig';
import { problemsThrown } from '../fixtures/planHelpers';

const HUB = '/subscriptions/s1/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/hub';
const minimal = { hubVnetId: HUB, scope: { subscriptions: ['s1'] } };

function problemsOf(json: unknown): string[] {
  return problemsThrown(() => parseConfig(json), ConfigError);
}

describe('parseConfig', () => {
  it('fills every default from the issue', () => {
    const c = parseConfig(minimal);
    expect(c).toEqual({
      ...minimal,
      exclusionTag: 'dualstack:skip',
      vnetPrefixLength: 56,
      ipv6NextHop: 'auto',
      onPremisesPrefixMap: {},
      firewallSubnetIpv6: false,
      bastionSubnetIpv6: false,
      publicIpv6: 'none',
      approval: { required: true, timeoutMinutes: 1440 },
      rollout: { maxParallelSpokes: 4, canarySpokes: 1, abortAfterFailures: 2, maxParallelWrites: 20 },
    });
    expect(c.ipv6Pool).toBeUndefined();
  });

  it('keeps explicit values and accepts every next-hop form', () => {
    const lbId = '/subscriptions/s1/resourceGroups/rg-hub/providers/Microsoft.Network/loadBalancers/lb';
    expect(parseConfig({ ...minimal, ipv6NextHop: { address: 'fd00::4' } }).ipv6NextHop).toEqual({
      address: 'fd00::4',
    });
    expect(
      parseConfig({ ...minimal, ipv6NextHop: { loadBalancerFrontend: { loadBalancerId: lbId } } })
        .ipv6NextHop,
    ).toEqual({
      loadBalancerFrontend: { loadBalancerId: lbId },
    });
    const c = parseConfig({
      ...minimal,
      ipv6Pool: '2001:db8:1234::/48',
      rollout: { canarySpokes: 3, maxParallelWrites: 20 },
    });
    expect(c.ipv6Pool).toBe('2001:db8:1234::/48');
    expect(c.rollout).toEqual({
      maxParallelSpokes: 4,
      canarySpokes: 3,
      abortAfterFailures: 2,
      maxParallelWrites: 20,
    });
  });

  it('takes named canaries as the canaries, and names a malformed one', () => {
    const spoke = `/subscriptions/${'0'.repeat(8)}-0000-4000-8000-000000000001/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/spoke1`;
    const c = parseConfig({ ...minimal, rollout: { canarySpokes: 3, canaryVnetIds: [spoke] } });
    expect(c.rollout).toMatchObject({ canaryVnetIds: [spoke], canarySpokes: 1 });
    expect(problemsOf({ ...minimal, rollout: { canaryVnetIds: ['spoke1'] } })).toEqual([
      expect.stringMatching(/^rollout\.canaryVnetIds\[0\]/),
    ]);
  });

  it('takes publicIpv6 "mirror" or "none" and names the field and the allowed values otherwise', () => {
    expect(parseConfig({ ...minimal, publicIpv6: 'mirror' }).publicIpv6).toBe('mirror');
    expect(problemsOf({ ...minimal, publicIpv6: 'yes' })).toEqual([
      'publicIpv6: "yes" is not one of "mirror", "none"',
    ]);
    expect(problemsOf({ ...minimal, publicIpv6: true })).toEqual([
      'publicIpv6: must be string',
      'publicIpv6: true is not one of "mirror", "none"',
    ]);
  });

  it('names the field and the value for a malformed pool', () => {
    expect(problemsOf({ ...minimal, ipv6Pool: 'fd00::/47x' })).toEqual([
      'ipv6Pool: "fd00::/47x" is not an IPv6 CIDR',
    ]);
  });

  it('lists every problem at once, each naming its field', () => {
    const problems = problemsOf({
      hubVnetId: 'not-an-id',
      scope: {},
      ipv6Pool: '10.0.0.0/8',
      ipv6NextHop: { address: '10.0.0.1' },
      onPremisesPrefixMap: { '10.0.0.0/33': 'zz' },
      rollout: { maxParallelSpokes: 0, maxParallelWrites: 1 },
      colour: 'blue',
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'hubVnetId: "not-an-id" is not an ARM resource id',
        'scope.subscriptions: is required',
        'ipv6Pool: "10.0.0.0/8" is not an IPv6 CIDR',
        'ipv6NextHop.address: "10.0.0.1" is not an IPv6 address',
        'onPremisesPrefixMap key: "10.0.0.0/33" is not an IPv4 CIDR',
        'onPremisesPrefixMap["10.0.0.0/33"]: "zz" is not an IPv6 CIDR',
        'rollout.maxParallelSpokes: must be >= 1',
        'rollout.maxParallelWrites: must be >= 2',
        'colour: is not a known field',
      ]),
    );
  });

  it('checks what the schema cannot: host bits, /126 peer prefixes, a pool smaller than a VNet block, the hub type', () => {
    const lbId = '/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Network/loadBalancers/lb';
    expect(
      problemsOf({
        hubVnetId: lbId,
        scope: { subscriptions: ['s1'] },
        ipv6Pool: 'fd00::1/60',
        expressRoute: {
          circuitId: lbId,
          primaryPeerAddressPrefix: 'fd00::/64',
          secondaryPeerAddressPrefix: 'fd00::4/126',
        },
      }),
    ).toEqual([
      'ipv6Pool: "fd00::1/60" has host bits set',
      'ipv6Pool: "fd00::1/60" is smaller than one VNet block (/56)',
      `hubVnetId: "${lbId}" is not a virtual network id`,
      'expressRoute.primaryPeerAddressPrefix: "fd00::/64" must be a /126',
    ]);
  });

  it('explains the next-hop shape once instead of every oneOf branch', () => {
    expect(problemsOf({ ...minimal, ipv6NextHop: 'nearest' })).toEqual([
      'ipv6NextHop: must be "auto", { "address": <IPv6 address> } or { "loadBalancerFrontend": { "loadBalancerId": <id>, "frontendName"?: <name> } }',
    ]);
  });

  it('refuses a non-object', () => {
    expect(problemsOf([])).toEqual(['(root): must be a JSON object']);
    expect(problemsOf(null)).toEqual(['(root): must be a JSON object']);
  });

  it('does not modify its input', () => {
    const input = { ...minimal };
    parseConfig(input);
    expect(input).toEqual(minimal);
  });

  it('publishes the schema as a JSON file', () => {
    const schema = JSON.parse(
      readFileSync(join(__dirname, '../../../../src/planner/config/dualStackConfig.schema.json'), 'utf8'),
    ) as {
      required: string[];
      properties: Record<string, unknown>;
    };
    expect(schema.required).toEqual(['hubVnetId', 'scope']);
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining([
        'ipv6Pool',
        'ipv6NextHop',
        'onPremisesPrefixMap',
        'expressRoute',
        'approval',
        'rollout',
      ]),
    );
  });
});

describe('derivePool', () => {
  it('derives a canonical RFC 4193 ULA /48 from the hub id, the same for any casing', () => {
    const pool = derivePool(HUB);
    const cidr = parseCidr(pool);
    expect(cidr?.length).toBe(48);
    expect(cidr && isCanonical(cidr)).toBe(true);
    expect(pool.startsWith('fd')).toBe(true);
    expect(derivePool(HUB.toUpperCase())).toBe(pool);
    expect(derivePool(HUB.replace('hub', 'hub2'))).not.toBe(pool);
  });
});
