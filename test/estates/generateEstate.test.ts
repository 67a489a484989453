import fc from 'fast-check';
import { contains, parseIp } from '../../src/arm/cidr';
import { idKey, parseResourceId, sameId } from '../../src/arm/resourceId';
import { parseTopology } from '../../src/topology/parseTopology';
import { estateAddressing } from '../../estates/estateAddressing';
import type { GenerateEstateOptions } from '../../estates/generateEstate';
import { generateEstate } from '../../estates/generateEstate';
import { cidr, findOverlap, primaryConfig, TopologyIndex } from './topologyIndex';
import type {
  Child,
  HubServiceProps,
  LoadBalancerProps,
  NicProps,
  Resource,
  RouteTableProps,
  SubnetProps,
  VnetProps,
} from './wireTypes';

interface Estate {
  index: TopologyIndex;
  hub: Resource<VnetProps>;
  spokes: Resource<VnetProps>[];
  nics: Resource<NicProps>[];
}

function estate(options: GenerateEstateOptions): Estate {
  const index = new TopologyIndex(generateEstate(options));
  const vnets = index.ofType<VnetProps>('virtualNetworks');
  const hub = vnets.find((v) => v.properties.subnets.some((s) => s.name === 'AzureFirewallSubnet'))!;
  return {
    index,
    hub,
    spokes: vnets.filter((v) => v !== hub),
    nics: index.ofType<NicProps>('networkInterfaces'),
  };
}

/** Route tables and the spoke VNets whose subnets use each. */
function routeTableUsers({ spokes }: Estate): Map<string, Set<string>> {
  const users = new Map<string, Set<string>>();
  for (const spoke of spokes)
    for (const s of spoke.properties.subnets) {
      const key = idKey(s.properties.routeTable!.id);
      users.set(key, (users.get(key) ?? new Set()).add(idKey(spoke.id)));
    }
  return users;
}

const smallSizes = fc.record({
  spokes: fc.integer({ min: 0, max: 12 }),
  subnetsPerSpoke: fc.integer({ min: 1, max: 5 }),
  nicsPerSubnet: fc.integer({ min: 0, max: 4 }),
  seed: fc.integer(),
});

describe('generateEstate', () => {
  it('is deterministic for a seed, and the seed matters', () => {
    const options = { spokes: 30, subnetsPerSpoke: 3, nicsPerSubnet: 2, seed: 7 };
    const first = JSON.stringify(generateEstate(options));
    expect(JSON.stringify(generateEstate(options))).toBe(first);
    expect(JSON.stringify(generateEstate({ ...options, seed: 8 }))).not.toBe(first);
  });

  it('has the requested counts, each subnet with an NSG and a route table whose 0.0.0.0/0 goes to the firewall', () => {
    const e = estate({ spokes: 7, subnetsPerSpoke: 4, nicsPerSubnet: 2, seed: 3 });
    const firewall = e.index.ofType<HubServiceProps>('azureFirewalls')[0]!;
    const firewallIp = firewall.properties.ipConfigurations[0]!.properties.privateIPAddress;
    expect(e.spokes).toHaveLength(7);
    expect(e.nics.filter((n) => !n.properties.enableIPForwarding)).toHaveLength(7 * 4 * 2);
    for (const spoke of e.spokes) {
      expect(spoke.properties.subnets).toHaveLength(4);
      for (const s of spoke.properties.subnets) {
        const inSubnet = e.nics.filter((n) => sameId(primaryConfig(n).properties.subnet.id, s.id));
        expect(inSubnet).toHaveLength(2);
        expect(e.index.get(s.properties.networkSecurityGroup!.id)).toBeDefined();
        const table = e.index.get<Resource<RouteTableProps>>(s.properties.routeTable!.id);
        const defaults = table.properties.routes.filter((r) => r.properties.addressPrefix === '0.0.0.0/0');
        expect(defaults.map((r) => r.properties.nextHopIpAddress)).toEqual([firewallIp]);
      }
      const toHub = spoke.properties.virtualNetworkPeerings.filter((p) =>
        sameId(p.properties.remoteVirtualNetwork.id, e.hub.id),
      );
      expect(toHub.map((p) => p.properties.useRemoteGateways)).toEqual([true]);
      const fromHub = e.hub.properties.virtualNetworkPeerings.filter((p) =>
        sameId(p.properties.remoteVirtualNetwork.id, spoke.id),
      );
      expect(fromHub.map((p) => p.properties.allowGatewayTransit)).toEqual([true]);
    }
  });

  it('never overlaps IPv4 prefixes, keeps every address in its subnet, and is a valid topology', () => {
    fc.assert(
      fc.property(smallSizes, (options) => {
        const resources = generateEstate(options);
        expect(parseTopology(resources)).toHaveLength(resources.length);
        const e = estate(options);
        const vnets = [e.hub, ...e.spokes];
        expect(e.spokes).toHaveLength(options.spokes);
        expect(findOverlap(vnets.flatMap((v) => v.properties.addressSpace.addressPrefixes))).toBeUndefined();
        for (const v of vnets) {
          const space = cidr(v.properties.addressSpace.addressPrefixes[0]!);
          const subnets = v.properties.subnets.map((s) => s.properties.addressPrefix);
          expect(subnets.every((s) => contains(space, cidr(s)))).toBe(true);
          expect(findOverlap(subnets)).toBeUndefined();
        }
        const addresses: [string, string][] = [
          ...e.nics.flatMap((n) =>
            n.properties.ipConfigurations.map((c): [string, string] => [
              c.properties.subnet.id,
              c.properties.privateIPAddress,
            ]),
          ),
          ...e.index
            .ofType<LoadBalancerProps>('loadBalancers')
            .flatMap((lb) =>
              lb.properties.frontendIPConfigurations.map((f): [string, string] => [
                f.properties.subnet.id,
                f.properties.privateIPAddress,
              ]),
            ),
        ];
        for (const [subnetId, address] of addresses)
          expect(
            contains(
              cidr(e.index.get<Child<SubnetProps>>(subnetId).properties.addressPrefix),
              parseIp(address)!,
            ),
          ).toBe(true);
        expect(new Set(addresses.map(([, a]) => a)).size).toBe(addresses.length);
      }),
      { numRuns: 40 },
    );
  });

  it('includes every variation: route tables shared by two spokes, extra IPv4 configurations, spokes without a load balancer', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 15 }), fc.integer(), (spokes, seed) => {
        const e = estate({ spokes, subnetsPerSpoke: 2, nicsPerSubnet: 2, seed });
        const users = [...routeTableUsers(e).values()].map((s) => s.size);
        expect(users).toContain(2);
        expect(Math.max(...users)).toBe(2);

        const extra = e.nics.filter((n) => n.properties.ipConfigurations.length > 1);
        expect(extra.length).toBeGreaterThan(0);
        for (const n of extra) {
          expect(n.properties.ipConfigurations.filter((c) => c.properties.primary)).toHaveLength(1);
          expect(
            n.properties.ipConfigurations.every((c) => c.properties.privateIPAddressVersion === 'IPv4'),
          ).toBe(true);
        }

        const lbs = e.index.ofType<LoadBalancerProps>('loadBalancers');
        const withLb = e.spokes.filter((spoke) =>
          lbs.some((lb) =>
            sameId(
              e.index.vnetOfSubnet(lb.properties.frontendIPConfigurations[0]!.properties.subnet.id).id,
              spoke.id,
            ),
          ),
        );
        expect(withLb.length).toBeGreaterThan(0);
        expect(withLb.length).toBeLessThan(spokes);
        for (const spoke of e.spokes.filter((s) => !withLb.includes(s)))
          expect(
            e.index.nicsIn(spoke).every((n) => !primaryConfig(n).properties.loadBalancerBackendAddressPools),
          ).toBe(true);
      }),
      { numRuns: 30 },
    );
  });

  it('extends an estate when spokes are added: every other resource stays the same', () => {
    fc.assert(
      fc.property(smallSizes, fc.integer({ min: 1, max: 4 }), (options, more) => {
        const small = generateEstate(options);
        const large = new Map(
          generateEstate({ ...options, spokes: options.spokes + more }).map((r) => [r.id, r]),
        );
        // The hub VNet (its peerings) and the GatewaySubnet table (a route per spoke) list the spokes.
        const changed = small
          .filter((r) => JSON.stringify(large.get(r.id)) !== JSON.stringify(r))
          .map((r) => r.name);
        expect(changed.filter((name) => name !== 'vnet-hub' && name !== 'rt-hub-gateway')).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });

  it('aggregates the GatewaySubnet routes past 200 spokes, still covering every spoke', () => {
    const e = estate({ spokes: 600, subnetsPerSpoke: 1, nicsPerSubnet: 0, seed: 1 });
    const gatewaySubnet = e.hub.properties.subnets.find((s) => s.name === 'GatewaySubnet')!;
    const routes = e.index.get<Resource<RouteTableProps>>(gatewaySubnet.properties.routeTable!.id).properties
      .routes;
    expect(routes.length).toBeLessThan(400);
    for (const spoke of e.spokes) {
      const prefix = cidr(spoke.properties.addressSpace.addressPrefixes[0]!);
      expect(routes.some((r) => contains(cidr(r.properties.addressPrefix), prefix))).toBe(true);
    }
  });

  it('fits 5,000 spokes of 3 subnets with 3 NICs each', () => {
    expect(estateAddressing(3, 1 + 3 * 3).capacity).toBeGreaterThanOrEqual(5000);
  });

  it('uses the given subscription and location, and adds default NSG rules on request', () => {
    const subscriptionId = '11111111-2222-4333-8444-555555555555';
    const options = {
      spokes: 2,
      subnetsPerSpoke: 1,
      nicsPerSubnet: 1,
      seed: 1,
      subscriptionId,
      location: 'swedencentral',
    };
    const resources = generateEstate(options);
    expect(resources.every((r) => parseResourceId(r.id)?.subscriptionId === subscriptionId)).toBe(true);
    expect(resources.every((r) => r.location === 'swedencentral')).toBe(true);
    const spokeNsgs = (estate: Estate): Resource<{ defaultSecurityRules?: unknown[] }>[] =>
      estate.index
        .ofType<{ defaultSecurityRules?: unknown[] }>('networkSecurityGroups')
        .filter((n) => !n.name.includes('hub'));
    expect(spokeNsgs(estate(options)).map((n) => n.properties.defaultSecurityRules)).toEqual([
      undefined,
      undefined,
    ]);
    const withDefaults = spokeNsgs(estate({ ...options, defaultSecurityRules: true }));
    expect(withDefaults.map((n) => n.properties.defaultSecurityRules?.length)).toEqual([6, 6]);
  });

  it('rejects bad options with a RangeError naming the option', () => {
    const base = { spokes: 1, subnetsPerSpoke: 1, nicsPerSubnet: 1, seed: 1 };
    expect(() => generateEstate({ ...base, spokes: -1 })).toThrow(
      new RangeError('generateEstate: spokes must be an integer >= 0, got -1'),
    );
    expect(() => generateEstate({ ...base, subnetsPerSpoke: 0 })).toThrow(
      /subnetsPerSpoke must be an integer >= 1/,
    );
    expect(() => generateEstate({ ...base, nicsPerSubnet: 1.5 })).toThrow(/nicsPerSubnet must be an integer/);
    expect(() => generateEstate({ ...base, seed: Number.NaN })).toThrow(/seed must be a number/);
    const { capacity } = estateAddressing(4, 1 + 2000 * 3);
    expect(() =>
      generateEstate({ ...base, spokes: capacity + 1, subnetsPerSpoke: 4, nicsPerSubnet: 2000 }),
    ).toThrow(new RegExp(`${capacity + 1} spokes of /\\d+ don't fit .* \\(at most ${capacity}\\)`));
  });
});
