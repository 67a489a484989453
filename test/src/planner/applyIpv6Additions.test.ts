import type { ArmResource } from '../../../src/arm/ArmResource';
import { applyIpv6Additions } from '../../../src/planner/applyIpv6Additions';
import { ipv4Differences, sameIpv4 } from '../../../src/planner/ipv4Fingerprint';
import { planDualStack } from '../../../src/planner/planDualStack';
import { byName, smallConfig, smallEstate } from './fixtures/smallTopology';
import { mustStep } from './fixtures/planHelpers';

describe('applyIpv6Additions', () => {
  it('re-merges a step onto a resource a human changed since planning: their change survives', () => {
    const estate = smallEstate({ spokes: 1 });
    const spoke = byName(estate, 'spoke1');
    const plan = planDualStack(estate, smallConfig());
    const step = mustStep(plan, 'virtualNetwork', spoke);
    const fresh = structuredClone(spoke);
    const p = fresh.properties as { subnets: { name: string; properties: Record<string, unknown> }[] };
    p.subnets.push({ name: 'snet-new', properties: { addressPrefix: '10.1.7.0/24' } });
    fresh.tags = { owner: 'someone' };
    const merged = applyIpv6Additions(fresh, step.additions);
    const subnets = (merged.properties as typeof p).subnets;
    expect(subnets.map((s) => s.name)).toEqual(['snet-a', 'snet-b', 'snet-new']);
    expect(subnets[2]?.properties).toEqual({ addressPrefix: '10.1.7.0/24' });
    expect(merged.tags).toEqual({ owner: 'someone' });
    expect(subnets[0]?.properties.addressPrefixes).toEqual([
      '10.1.0.0/24',
      plan.vnets[1]?.subnets[0]?.ipv6Prefix,
    ]);
    expect(fresh.properties).toBe(p); // input untouched
    expect(p.subnets[0]?.properties.addressPrefixes).toBeUndefined();
  });

  it('is idempotent: applying to a resource that already has the additions changes nothing', () => {
    const estate = smallEstate({ spokes: 1 });
    const plan = planDualStack(estate, smallConfig());
    for (const step of plan.steps)
      expect(applyIpv6Additions(step.desired, step.additions)).toEqual(step.desired);
  });

  it('does not add what a human already added by hand under another spelling', () => {
    const estate = smallEstate({ spokes: 1 });
    const hub = byName(estate, 'hub');
    const plan = planDualStack(estate, smallConfig());
    const step = mustStep(plan, 'virtualNetwork', hub);
    const fresh = structuredClone(hub);
    (fresh.properties as { addressSpace: { addressPrefixes: string[] } }).addressSpace.addressPrefixes.push(
      'FD00:1:0:0::/56',
    );
    const merged = applyIpv6Additions(fresh, step.additions);
    expect(
      (merged.properties as { addressSpace: { addressPrefixes: string[] } }).addressSpace.addressPrefixes,
    ).toEqual(['10.0.0.0/16', 'FD00:1:0:0::/56']);
  });

  it('skips a subnet the human deleted, and sets ipv6PeeringConfig only when absent', () => {
    const estate = smallEstate({ spokes: 1 });
    const spoke = byName(estate, 'spoke1');
    const step = mustStep(planDualStack(estate, smallConfig()), 'virtualNetwork', spoke);
    const fresh = structuredClone(spoke);
    const p = fresh.properties as { subnets: unknown[] };
    p.subnets = p.subnets.slice(1);
    expect((applyIpv6Additions(fresh, step.additions).properties as typeof p).subnets.length).toBe(1);
    const peering = {
      id: 'x',
      name: 'AzurePrivatePeering',
      type: 't',
      properties: { ipv6PeeringConfig: { state: 'Disabled' } },
    };
    const add = [
      { op: 'setIfAbsent' as const, path: ['properties', 'ipv6PeeringConfig'], value: { state: 'Enabled' } },
    ];
    expect(applyIpv6Additions(peering, add)).toEqual(peering);
    expect(applyIpv6Additions({ ...peering, properties: {} }, add).properties).toEqual({
      ipv6PeeringConfig: { state: 'Enabled' },
    });
  });
});

describe('ipv4Fingerprint', () => {
  it('treats the plan’s desired bodies as IPv4-unchanged', () => {
    const estate = smallEstate({ spokes: 2 });
    const plan = planDualStack(estate, smallConfig());
    const observed = new Map(estate.map((r) => [r.id.toLowerCase(), r]));
    for (const step of plan.steps.filter((s) => s.kind !== 'peeringSync')) {
      const before = observed.get(step.resourceId.toLowerCase());
      expect(before && ipv4Differences(before, step.desired)).toEqual([]);
    }
  });

  it('sees a moved IPv4 prefix, ipconfig, route or rule, and names it', () => {
    const estate = smallEstate({ spokes: 1 });
    const spoke = byName(estate, 'spoke1');
    const moved = structuredClone(spoke);
    const sub = (moved.properties as { subnets: { properties: Record<string, unknown> }[] }).subnets[1];
    if (sub) sub.properties.addressPrefixes = ['10.1.2.0/24', 'fd00::/64'];
    if (sub) delete sub.properties.addressPrefix;
    expect(ipv4Differences(spoke, moved)).toEqual(['subnets.snet-b']);
    const rt = byName(estate, 'rt-spoke1');
    const rt2 = structuredClone(rt);
    (
      rt2.properties as { routes: { properties: Record<string, unknown> }[] }
    ).routes[0]!.properties.nextHopIpAddress = '10.0.1.5';
    expect(sameIpv4(rt, rt2)).toBe(false);
    expect(ipv4Differences(rt, rt2)).toEqual(['routes.default']);
    const nic = byName(estate, 'nic-spoke1-a');
    const nic2 = structuredClone(nic);
    (
      nic2.properties as { ipConfigurations: { properties: Record<string, unknown> }[] }
    ).ipConfigurations[0]!.properties.privateIPAddress = '10.1.0.99';
    expect(ipv4Differences(nic, nic2)).toEqual(['ipConfigurations.ipconfig1']);
  });

  it('sees which AVNM configurations are deployed where, not when they were last committed', () => {
    const status: ArmResource = {
      id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkManagers/nm/deploymentStatus/Connectivity-westeurope',
      name: 'Connectivity-westeurope',
      type: 'Microsoft.Network/networkManagers/deploymentStatus',
      properties: {
        region: 'westeurope',
        deploymentType: 'Connectivity',
        deploymentStatus: 'Deployed',
        configurationIds: ['cc-hub-spoke'],
        commitTime: '2026-01-05T09:00:00.000Z',
      },
    };
    const recommitted = {
      ...status,
      properties: { ...status.properties, commitTime: '2026-02-01T00:00:00Z' },
    };
    expect(ipv4Differences(status, recommitted)).toEqual([]);
    const undeployed = { ...status, properties: { ...status.properties, configurationIds: [] } };
    expect(ipv4Differences(status, undeployed)).toEqual(['configurationIds']);
  });

  it('ignores etags, provisioning state and the addressPrefix/addressPrefixes spelling', () => {
    const spoke = byName(smallEstate({ spokes: 1 }), 'spoke1');
    const respelled = structuredClone(spoke);
    respelled.etag = 'W/"other"';
    const sub = respelled.properties as {
      provisioningState?: string;
      subnets: { properties: Record<string, unknown> }[];
    };
    sub.provisioningState = 'Updating';
    const first = sub.subnets[0];
    if (first) {
      first.properties.addressPrefixes = [first.properties.addressPrefix];
      delete first.properties.addressPrefix;
    }
    expect(sameIpv4(spoke, respelled)).toBe(true);
  });
});
