import { planDualStack } from '../../../../src/planner/planDualStack';
import { byName, smallConfig, smallEstate, subnetId } from '../fixtures/smallTopology';
import { codes, mustStep, stepFor } from '../fixtures/planHelpers';

describe('VNet steps', () => {
  it('adds the block and every subnet /64 in one VNet PUT that carries all subnets and peerings', () => {
    const estate = smallEstate({ spokes: 1 });
    const hub = byName(estate, 'hub');
    const plan = planDualStack(estate, smallConfig());
    const step = mustStep(plan, 'virtualNetwork', hub);
    expect(step.plannedEtag).toBe(hub.etag);
    expect(step.vnetId).toBe(hub.id);
    expect(step.dependsOn).toEqual([]);
    expect(step.additions).toEqual([
      { op: 'appendToArray', path: ['properties', 'addressSpace', 'addressPrefixes'], value: 'fd00:1::/56' },
      { op: 'addSubnetPrefix', subnetName: 'GatewaySubnet', value: 'fd00:1:0:3::/64' },
      { op: 'addSubnetPrefix', subnetName: 'snet-nva', value: 'fd00:1:0:4::/64' },
    ]);
    const p = step.desired.properties as {
      addressSpace: unknown;
      subnets: { name: string; properties: Record<string, unknown> }[];
      virtualNetworkPeerings: unknown[];
    };
    expect(p.addressSpace).toEqual({ addressPrefixes: ['10.0.0.0/16', 'fd00:1::/56'] });
    expect(p.subnets.map((s) => s.name)).toEqual(['AzureFirewallSubnet', 'GatewaySubnet', 'snet-nva']);
    expect(p.subnets[0]?.properties).toEqual({ addressPrefix: '10.0.1.0/26' });
    expect(p.subnets[2]?.properties.addressPrefixes).toEqual(['10.0.4.0/24', 'fd00:1:0:4::/64']);
    expect(p.subnets[2]?.properties.addressPrefix).toBeUndefined();
    expect(p.virtualNetworkPeerings).toHaveLength(1);
  });

  it('runs spokes after the hub', () => {
    const estate = smallEstate({ spokes: 1 });
    const plan = planDualStack(estate, smallConfig());
    const spoke = mustStep(plan, 'virtualNetwork', byName(estate, 'spoke1'));
    expect(spoke.dependsOn).toEqual([mustStep(plan, 'virtualNetwork', byName(estate, 'hub')).id]);
  });

  it('blocks a VNet with a RouteServerSubnet, resource navigation links or an IPv6-forbidding delegation', () => {
    const estate = smallEstate({ spokes: 3 });
    const subnets = (name: string) =>
      (
        byName(estate, name).properties as {
          subnets: { name: string; properties: Record<string, unknown> }[];
        }
      ).subnets;
    subnets('spoke1').push({ name: 'RouteServerSubnet', properties: { addressPrefix: '10.1.9.0/27' } });
    (subnets('spoke2')[0] as { properties: Record<string, unknown> }).properties.resourceNavigationLinks = [
      { id: 'x', name: 'link' },
    ];
    (subnets('spoke3')[1] as { properties: Record<string, unknown> }).properties.delegations = [
      { name: 'nf', properties: { serviceName: 'Microsoft.Netapp/volumes' } },
    ];
    const plan = planDualStack(estate, smallConfig());
    expect(codes(plan.blockers)).toEqual([
      'DelegationForbidsIpv6',
      'ResourceNavigationLinks',
      'RouteServerPresent',
    ]);
    for (const name of ['spoke1', 'spoke2', 'spoke3']) {
      expect(stepFor(plan, 'virtualNetwork', byName(estate, name))).toBeUndefined();
      expect(plan.vnets.find((v) => v.vnetId === byName(estate, name).id)?.blocked).toBe(true);
      expect(stepFor(plan, 'networkInterface', byName(estate, `nic-${name}-a`))).toBeUndefined();
    }
    expect(plan.blockers.find((b) => b.code === 'RouteServerPresent')?.resourceId).toBe(
      subnetId(byName(estate, 'spoke1').id, 'RouteServerSubnet'),
    );
  });

  it('blocks the whole plan when the hub itself carries the exclusion tag', () => {
    const estate = smallEstate({ spokes: 1 });
    byName(estate, 'hub').tags = { 'dualstack:skip': 'true' };
    const plan = planDualStack(estate, smallConfig());
    expect(codes(plan.blockers)).toEqual(['HubExcluded']);
    expect(stepFor(plan, 'virtualNetwork', byName(estate, 'hub'))).toBeUndefined();
    expect(plan.vnets[0]?.blocked).toBe(true);
  });

  it('leaves excluded spokes and out-of-scope VNets alone', () => {
    const estate = smallEstate({ spokes: 2 });
    byName(estate, 'spoke1').tags = { 'DualStack:Skip': 'yes' };
    const plan = planDualStack(estate, smallConfig());
    expect(plan.vnets.map((v) => v.vnetId)).toEqual([byName(estate, 'hub').id, byName(estate, 'spoke2').id]);
    expect(plan.steps.some((s) => s.vnetIds.includes(byName(estate, 'spoke1').id))).toBe(false);
    expect(codes(plan.warnings)).toEqual(expect.arrayContaining(['VnetExcluded', 'PeeringNotSynced']));
    const other = planDualStack(
      estate,
      smallConfig({ scope: { subscriptions: ['22222222-2222-4222-8222-222222222222'] } }),
    );
    expect(other.vnets.map((v) => v.role)).toEqual(['hub']);
  });
});

describe('peering syncs', () => {
  it('syncs the hub peering to each spoke that gains IPv6 and each spoke peering to the hub, after both VNets', () => {
    const estate = smallEstate({ spokes: 1 });
    const hub = byName(estate, 'hub');
    const spoke = byName(estate, 'spoke1');
    const plan = planDualStack(estate, smallConfig());
    const spokePrefix = plan.vnets[1]?.ipv6Prefix ?? '';
    const hubSide = mustStep(plan, 'peeringSync', `${hub.id}/virtualNetworkPeerings/hub-to-spoke1`);
    const spokeSide = mustStep(plan, 'peeringSync', `${spoke.id}/virtualNetworkPeerings/spoke1-to-hub`);
    for (const step of [hubSide, spokeSide]) {
      expect(step.vnetId).toBe(spoke.id);
      expect(step.dependsOn.sort()).toEqual(
        [mustStep(plan, 'virtualNetwork', hub).id, mustStep(plan, 'virtualNetwork', spoke).id].sort(),
      );
      expect(step.plannedEtag).toBe('W/"hub-1"'.replace('hub', step === hubSide ? 'hub' : 'spoke1'));
    }
    expect(hubSide.desired.properties?.remoteAddressSpace).toEqual({
      addressPrefixes: ['10.1.0.0/16', spokePrefix],
    });
    expect(spokeSide.desired.properties?.remoteAddressSpace).toEqual({
      addressPrefixes: ['10.0.0.0/16', 'fd00:1::/56'],
    });
    expect(hubSide.desired.properties?.remoteVirtualNetwork).toEqual({ id: spoke.id });
  });

  it('syncs only the hub side when only the spoke changes', () => {
    const estate = smallEstate({ spokes: 1 });
    const hub = byName(estate, 'hub');
    const hp = hub.properties as {
      addressSpace: { addressPrefixes: string[] };
      subnets: { properties: Record<string, unknown> }[];
    };
    hp.addressSpace.addressPrefixes.push('fd00:1::/56');
    hp.subnets.forEach((s, i) => {
      if (i > 0) s.properties.addressPrefixes = [s.properties.addressPrefix, `fd00:1:0:${i + 2}::/64`];
      if (i > 0) delete s.properties.addressPrefix;
    });
    const sp = byName(estate, 'spoke1').properties as {
      virtualNetworkPeerings: { properties: { remoteAddressSpace: { addressPrefixes: string[] } } }[];
    };
    sp.virtualNetworkPeerings[0]?.properties.remoteAddressSpace.addressPrefixes.push('fd00:1::/56');
    const plan = planDualStack(estate, smallConfig());
    expect(stepFor(plan, 'virtualNetwork', hub)).toBeUndefined();
    expect(plan.steps.filter((s) => s.kind === 'peeringSync').map((s) => s.resourceId)).toEqual([
      `${hub.id}/virtualNetworkPeerings/hub-to-spoke1`,
    ]);
  });
});
