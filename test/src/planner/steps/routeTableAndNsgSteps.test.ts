import type { ArmResource } from '../../../../src/arm/ArmResource';
import { planDualStack } from '../../../../src/planner/planDualStack';
import { byName, nsg, routeTable, smallConfig, smallEstate } from '../fixtures/smallTopology';
import { childProps, codes, mustStep, stepFor } from '../fixtures/planHelpers';

function replace(estate: ArmResource[], resource: ArmResource): void {
  const i = estate.findIndex((r) => r.id === resource.id);
  estate[i] = resource;
}

describe('route table steps', () => {
  it('translates each rule of the issue and names what it cannot translate', () => {
    const estate = smallEstate({ spokes: 2 });
    replace(
      estate,
      routeTable('rg-spoke1', 'rt-spoke1', [
        { name: 'default', prefix: '0.0.0.0/0', type: 'VirtualAppliance', ip: '10.0.1.4' },
        { name: 'to-spoke2', prefix: '10.2.0.0/16', type: 'VirtualAppliance', ip: '10.0.1.4' },
        { name: 'to-spoke2-a', prefix: '10.2.0.0/24', type: 'VirtualAppliance', ip: '10.0.1.4' },
        { name: 'onprem', prefix: '192.168.0.0/16', type: 'VirtualAppliance', ip: '10.0.1.4' },
        { name: 'blackhole', prefix: '10.0.3.0/27', type: 'None' },
        { name: 'via-gateway', prefix: '172.16.0.0/12', type: 'VirtualNetworkGateway' },
        { name: 'unknown', prefix: '100.64.0.0/10', type: 'Internet' },
        { name: 'storage', prefix: 'Storage', type: 'Internet' },
      ]),
    );
    const plan = planDualStack(
      estate,
      smallConfig({ onPremisesPrefixMap: { '192.168.0.0/16': 'fd99::/48' } }),
    );
    const step = mustStep(plan, 'routeTable', byName(estate, 'rt-spoke1'));
    const spoke2 = plan.vnets.find((v) => v.vnetId === byName(estate, 'spoke2').id)?.ipv6Prefix;
    const nva = { nextHopType: 'VirtualAppliance', nextHopIpAddress: 'fd00:1:0:4::4' };
    expect(childProps(step, 'routes', 'default-ipv6')).toEqual({ addressPrefix: '::/0', ...nva });
    expect(childProps(step, 'routes', 'to-spoke2-ipv6')).toEqual({ addressPrefix: spoke2, ...nva });
    expect(childProps(step, 'routes', 'onprem-ipv6')).toEqual({ addressPrefix: 'fd99::/48', ...nva });
    expect(childProps(step, 'routes', 'blackhole-ipv6')).toEqual({
      addressPrefix: 'fd00:1::/56',
      nextHopType: 'None',
    });
    // the second route into spoke2 maps to the same /56: one IPv6 route covers both
    expect(step.additions).toHaveLength(4);
    expect(plan.manualActions.map((m) => [m.code, m.resourceId.split('/').pop()])).toEqual([
      ['RouteNotTranslated', 'unknown'],
      ['RouteNotTranslated', 'via-gateway'],
    ]);
    expect(plan.manualActions.find((m) => m.resourceId.endsWith('via-gateway'))?.message).toContain(
      'VirtualNetworkGateway',
    );
  });

  it('plans a route table shared by two spokes once, after both VNets', () => {
    const estate = smallEstate({ spokes: 2 });
    const shared = byName(estate, 'rt-spoke1');
    const s2 = byName(estate, 'spoke2').properties as { subnets: { properties: Record<string, unknown> }[] };
    for (const s of s2.subnets) s.properties.routeTable = { id: shared.id };
    const plan = planDualStack(estate, smallConfig());
    const step = mustStep(plan, 'routeTable', shared);
    expect(step.vnetId).toBeUndefined();
    expect(step.vnetIds).toEqual([byName(estate, 'spoke1').id, byName(estate, 'spoke2').id]);
    expect(step.dependsOn).toEqual(
      expect.arrayContaining([
        mustStep(plan, 'virtualNetwork', byName(estate, 'spoke1')).id,
        mustStep(plan, 'virtualNetwork', byName(estate, 'spoke2')).id,
      ]),
    );
    expect(stepFor(plan, 'routeTable', byName(estate, 'rt-spoke2'))).toBeUndefined();
  });

  it('makes VirtualAppliance routes manual when no IPv6 next hop can be found', () => {
    const estate = smallEstate({ spokes: 1 }).filter((r) => r.name !== 'lb-nva');
    const plan = planDualStack(estate, smallConfig());
    expect(codes(plan.warnings)).toContain('NoIpv6NextHop');
    expect(plan.manualActions.map((m) => m.resourceId.split('/').pop())).toEqual(['default']);
    const fixed = planDualStack(estate, smallConfig({ ipv6NextHop: { address: 'fd00:1:0:4::10' } }));
    expect(
      childProps(mustStep(fixed, 'routeTable', byName(estate, 'rt-spoke1')), 'routes', 'default-ipv6')
        .nextHopIpAddress,
    ).toBe('fd00:1:0:4::10');
  });

  it('refuses to grow a route table past 400 routes', () => {
    const estate = smallEstate({ spokes: 1 });
    replace(
      estate,
      routeTable(
        'rg-spoke1',
        'rt-spoke1',
        Array.from({ length: 201 }, (_, i) => ({
          name: `r${i}`,
          prefix: `10.1.${i}.0/24`,
          type: 'VnetLocal',
        })),
      ),
    );
    const plan = planDualStack(estate, smallConfig());
    // all 201 /24s sit in spoke1, so they collapse into one /56 route: no blocker
    expect(mustStep(plan, 'routeTable', byName(estate, 'rt-spoke1')).additions).toHaveLength(1);
    replace(
      estate,
      routeTable(
        'rg-spoke1',
        'rt-spoke1',
        Array.from({ length: 201 }, (_, i) => ({ name: `r${i}`, prefix: `172.16.${i}.0/24`, type: 'None' })),
      ),
    );
    const map = Object.fromEntries(
      Array.from({ length: 201 }, (_, i) => [`172.16.${i}.0/24`, `fd99:0:0:${i.toString(16)}::/64`]),
    );
    const full = planDualStack(estate, smallConfig({ onPremisesPrefixMap: map }));
    expect(full.blockers.map((b) => b.code)).toEqual(['RouteTableFull']);
    expect(stepFor(full, 'routeTable', byName(estate, 'rt-spoke1'))).toBeUndefined();
  });
});

describe('NSG steps', () => {
  it('twins rules with explicit IPv4 prefixes next to the original and leaves tag-only rules alone', () => {
    const estate = smallEstate({ spokes: 1 });
    const plan = planDualStack(estate, smallConfig());
    const step = mustStep(plan, 'networkSecurityGroup', byName(estate, 'nsg-spoke1'));
    const spoke = plan.vnets[1];
    expect(childProps(step, 'securityRules', 'allow-hub-ipv6')).toEqual({
      priority: 101,
      direction: 'Inbound',
      access: 'Allow',
      protocol: 'Tcp',
      sourcePortRange: '*',
      destinationPortRange: '443',
      sourceAddressPrefix: 'fd00:1::/56',
      destinationAddressPrefix: spoke?.subnets[0]?.ipv6Prefix,
    });
    expect(step.additions).toHaveLength(1);
    expect(stepFor(plan, 'networkSecurityGroup', byName(estate, 'nsg-nva'))).toBeUndefined();
  });

  it('steps over IPv4-only neighbours, stops at rules IPv6 traffic meets, and blocks when boxed in', () => {
    const estate = smallEstate({ spokes: 1 });
    replace(
      estate,
      nsg('rg-spoke1', 'nsg-spoke1', [
        { name: 'a', priority: 100, source: '10.0.0.0/16', destination: '*' },
        { name: 'b', priority: 101, source: '10.0.5.0/24', destination: '*' },
        { name: 'c', priority: 200, source: '10.0.0.0/16', destination: '*' },
        { name: 'd', priority: 201, source: 'VirtualNetwork', destination: '*' },
        { name: 'e', priority: 199, source: 'Internet', destination: '*' },
        {
          name: 'f',
          priority: 300,
          source: ['10.0.0.0/16', '192.168.1.0/24'],
          destination: '*',
          protocol: 'Icmp',
        },
        { name: 'g', priority: 400, source: '8.8.8.8', destination: '*', direction: 'Outbound' },
      ]),
    );
    const plan = planDualStack(estate, smallConfig());
    const step = mustStep(plan, 'networkSecurityGroup', byName(estate, 'nsg-spoke1'));
    // a at 100: 101 holds b (IPv4-only, can't match IPv6) so the twin goes to 102
    expect(childProps(step, 'securityRules', 'a-ipv6').priority).toBe(102);
    expect(childProps(step, 'securityRules', 'b-ipv6').priority).toBe(103);
    expect(plan.blockers.map((x) => [x.code, x.resourceId.split('/').pop()])).toEqual([
      ['NsgNoPriorityRoom', 'c'],
    ]);
    expect(plan.manualActions.map((x) => [x.code, x.resourceId.split('/').pop()])).toEqual([
      ['IcmpRule', 'f'],
      ['NsgRuleNotTranslated', 'g'],
    ]);
  });

  it.each([
    ['a few rules', 0],
    ['many rules', 30],
  ])('never adds a twin that is already there by name, whatever its case (%s)', (_, padding) => {
    const estate = smallEstate({ spokes: 1 });
    const filler = Array.from({ length: padding }, (_, i) => ({
      name: `tag-${i}`,
      priority: 1000 + i,
      source: 'VirtualNetwork',
      destination: '*',
    }));
    replace(
      estate,
      nsg('rg-spoke1', 'nsg-spoke1', [
        { name: 'allow-a', priority: 100, source: '10.0.0.0/16', destination: '*' },
        { name: 'Allow-A-IPv6', priority: 101, source: 'fd00:1::/56', destination: '*' },
        { name: 'allow-b', priority: 200, source: '10.0.0.0/16', destination: '*' },
        ...filler,
      ]),
    );
    const step = mustStep(
      planDualStack(estate, smallConfig()),
      'networkSecurityGroup',
      byName(estate, 'nsg-spoke1'),
    );
    expect(step.additions.map((a) => (a.op === 'addChild' ? a.value.name : a.op))).toEqual(['allow-b-ipv6']);
  });
});

describe('ExpressRoute', () => {
  function withCircuit(): ArmResource[] {
    const estate = smallEstate({ spokes: 1 });
    estate.push({
      id: '/subscriptions/11111111-1111-4111-8111-111111111111/resourceGroups/rg-hub/providers/Microsoft.Network/expressRouteCircuits/erc',
      name: 'erc',
      type: 'Microsoft.Network/expressRouteCircuits',
      etag: 'W/"erc-1"',
      properties: {
        peerings: [
          {
            id: '/subscriptions/11111111-1111-4111-8111-111111111111/resourceGroups/rg-hub/providers/Microsoft.Network/expressRouteCircuits/erc/peerings/AzurePrivatePeering',
            name: 'AzurePrivatePeering',
            etag: 'W/"erc-1"',
            properties: {
              peeringType: 'AzurePrivatePeering',
              peerASN: 65010,
              vlanId: 100,
              primaryPeerAddressPrefix: '192.168.255.248/30',
              secondaryPeerAddressPrefix: '192.168.255.252/30',
            },
          },
        ],
      },
    });
    return estate;
  }

  it('adds IPv6 private peering when the /126 pair is configured, after the hub VNet', () => {
    const estate = withCircuit();
    const circuit = byName(estate, 'erc');
    const plan = planDualStack(
      estate,
      smallConfig({
        expressRoute: {
          circuitId: circuit.id,
          primaryPeerAddressPrefix: 'fd99::/126',
          secondaryPeerAddressPrefix: 'fd99::4/126',
        },
      }),
    );
    const step = mustStep(plan, 'expressRouteCircuitPeering', `${circuit.id}/peerings/AzurePrivatePeering`);
    expect(step.desired.properties?.ipv6PeeringConfig).toEqual({
      primaryPeerAddressPrefix: 'fd99::/126',
      secondaryPeerAddressPrefix: 'fd99::4/126',
      state: 'Enabled',
    });
    expect(step.desired.properties?.peerASN).toBe(65010);
    expect(step.dependsOn).toEqual([mustStep(plan, 'virtualNetwork', byName(estate, 'hub')).id]);
  });

  it('is a manual action without the /126 pair, and a blocker for an unknown circuit', () => {
    const estate = withCircuit();
    const plan = planDualStack(estate, smallConfig());
    expect(plan.manualActions.map((m) => [m.code, m.resourceId])).toEqual([
      ['ExpressRouteIpv6NotConfigured', byName(estate, 'erc').id],
    ]);
    const missing = planDualStack(
      estate,
      smallConfig({
        expressRoute: {
          circuitId: byName(estate, 'erc').id.replace('erc', 'nope'),
          primaryPeerAddressPrefix: 'fd99::/126',
          secondaryPeerAddressPrefix: 'fd99::4/126',
        },
      }),
    );
    expect(codes(missing.blockers)).toEqual(['ExpressRouteCircuitNotFound']);
  });
});
