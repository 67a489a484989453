import fc from 'fast-check';
import type { ArmResource } from '../../../../src/arm/ArmResource';
import { idKey } from '../../../../src/arm/resourceId';
import { parseConfig } from '../../../../src/planner/config/parseConfig';
import type { DualStackConfig } from '../../../../src/planner/config/DualStackConfig';
import { ipv4Differences } from '../../../../src/planner/ipv4Fingerprint';
import type { Plan } from '../../../../src/planner/Plan';
import { planDualStack } from '../../../../src/planner/planDualStack';
import { PlanInputError } from '../../../../src/planner/PlanInputError';
import { planRollback } from '../../../../src/planner/rollback/planRollback';
import { generateEstate } from '../../../../estates/generateEstate';
import { REFERENCE_LAYOUT, referenceTopology } from '../../../../estates/referenceTopology';
import { applyPlanToSnapshot } from '../fixtures/applyPlanToSnapshot';
import { codes, problemsThrown } from '../fixtures/planHelpers';
import { byName, smallConfig, smallEstate } from '../fixtures/smallTopology';

const TAG = 'dualstack:skip';

function configFor(estate: ArmResource[], hubName: string): DualStackConfig {
  const hub = estate.find((r) => r.name === hubName && r.type === 'Microsoft.Network/virtualNetworks');
  if (!hub) throw new Error(`no ${hubName}`);
  return parseConfig({
    hubVnetId: hub.id,
    scope: { subscriptions: [hub.id.split('/')[2]] },
    ipv6Pool: '2001:db8:1234::/48',
    onPremisesPrefixMap: { [REFERENCE_LAYOUT.onPremisesPrefix]: '2001:db8:5678::/56' },
  });
}

/** The estate as a run leaves it: every step written, every new /56 held in the reservation table. */
function migrated(before: ArmResource[], config: DualStackConfig) {
  const forward = planDualStack(before, config);
  expect(forward.blockers).toEqual([]);
  return { after: applyPlanToSnapshot(before, forward), reservations: forward.reservations, forward };
}

/** A resource as it was, but for the exclusion tag a rollback leaves on VNets. */
function untagged(r: ArmResource): ArmResource {
  if (!r.tags || !(TAG in r.tags)) return r;
  const { [TAG]: _tag, ...rest } = r.tags;
  const { tags: _tags, ...body } = r;
  return Object.keys(rest).length > 0 ? { ...body, tags: rest } : body;
}

function byId(estate: ArmResource[]): Map<string, ArmResource> {
  return new Map(estate.map((r) => [idKey(r.id), r]));
}

function expectTopological(plan: Plan): void {
  const seen = new Set<string>();
  for (const s of plan.steps) {
    for (const d of s.dependsOn) expect(seen.has(d) ? d : `missing before ${s.id}: ${d}`).toBe(d);
    seen.add(s.id);
  }
}

describe('planRollback on the reference topology', () => {
  const before = referenceTopology();
  const config = configFor(before, REFERENCE_LAYOUT.hub.vnet);
  const { after, reservations, forward } = migrated(before, config);
  const plan = planRollback(after, config, reservations, { tagValue: 'run r-1' });
  const restored = applyPlanToSnapshot(after, plan);

  it('takes every VNet back, with nothing blocked', () => {
    expect(plan.rollback).toBe(true);
    expect(plan.blockers).toEqual([]);
    expect(plan.vnets.map((v) => v.vnetId).sort()).toEqual(forward.vnets.map((v) => v.vnetId).sort());
    expect(plan.reservations).toEqual([]);
  });

  it('gives back exactly the estate as it was before the migration, but for the exclusion tag', () => {
    const original = byId(before);
    for (const r of restored) expect(untagged(r)).toEqual(original.get(idKey(r.id)));
    expect(restored).toHaveLength(before.length);
  });

  it('tags every rolled-back VNet, so events and drift scans leave it IPv4', () => {
    const vnets = restored.filter((r) => r.type === 'Microsoft.Network/virtualNetworks');
    const rolledBack = new Set(plan.vnets.map((v) => idKey(v.vnetId)));
    for (const v of vnets) if (rolledBack.has(idKey(v.id))) expect(v.tags?.[TAG]).toBe('run r-1');
    // The forward planner now refuses the hub: nothing re-adds IPv6 behind the users' back.
    expect(codes(planDualStack(restored, config).blockers)).toContain('HubExcluded');
  });

  it('writes one step per changed resource, in the reverse of the order Azure needed to add them', () => {
    expectTopological(plan);
    expect(new Set(plan.steps.map((s) => s.id)).size).toBe(plan.steps.length);
    const rank = {
      routeTable: 0,
      networkSecurityGroup: 0,
      networkInterface: 1,
      loadBalancer: 2,
      // IPv6 public IPs go once no frontend or ip configuration holds them
      publicIPAddress: 2,
      virtualNetwork: 3,
      peeringSync: 4,
    };
    const ranks = plan.steps.map((s) => rank[s.kind as keyof typeof rank]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const vnetSteps = plan.steps.filter((s) => s.kind === 'virtualNetwork');
    expect(vnetSteps[vnetSteps.length - 1]?.resourceId).toBe(config.hubVnetId);
    // The NVA frontend goes only after every route that points at it.
    const nva = plan.steps.find((s) => s.kind === 'loadBalancer' && s.ipv6Prefixes.length > 0);
    const routes = plan.steps.filter((s) => s.kind === 'routeTable' && s.desired.properties);
    expect(nva).toBeDefined();
    for (const rt of routes)
      if (
        JSON.stringify(after.find((r) => idKey(r.id) === idKey(rt.resourceId))).includes(
          nva?.ipv6Prefixes[0] ?? '-',
        )
      )
        expect(nva?.dependsOn).toContain(rt.id);
  });

  it('leaves IPv4 of every desired body exactly as observed', () => {
    const observed = byId(after);
    for (const s of plan.steps) {
      const o = observed.get(idKey(s.resourceId));
      if (o) expect(ipv4Differences(o, s.desired)).toEqual([]);
    }
  });

  it('finds nothing left to do once it has run', () => {
    const again = planRollback(restored, config, reservations);
    expect(again.steps).toEqual([]);
    expect(again.blockers).toEqual([]);
  });

  it('names a VNet it is asked for that is not the hub or a spoke', () => {
    expect(
      problemsThrown(
        () =>
          planRollback(after, config, reservations, {
            vnetIds: [
              config.hubVnetId,
              '/subscriptions/x/resourceGroups/y/providers/Microsoft.Network/virtualNetworks/z',
            ],
          }),
        PlanInputError,
      ),
    ).toEqual([
      'vnetIds[1]: /subscriptions/x/resourceGroups/y/providers/Microsoft.Network/virtualNetworks/z is not the hub or a spoke of it in scope',
    ]);
  });
});

describe('planRollback of part of an estate', () => {
  const before = referenceTopology();
  const config = configFor(before, REFERENCE_LAYOUT.hub.vnet);
  const { after, reservations } = migrated(before, config);
  const spoke = after.find((r) => r.name === 'vnet-spoke-prod-1');
  if (!spoke) throw new Error('no spoke');
  const spokeRg = `/resourcegroups/${(spoke.id.split('/')[4] ?? '').toLowerCase()}/`;

  it('rolls one spoke back and leaves the hub and the other spokes dual-stack', () => {
    const plan = planRollback(after, config, reservations, { vnetIds: [spoke.id] });
    expect(plan.blockers).toEqual([]);
    const restored = byId(applyPlanToSnapshot(after, plan));
    const original = byId(before);
    const migratedById = byId(after);
    const block = reservations.find((r) => idKey(r.vnetId) === idKey(spoke.id))?.prefix ?? '';
    for (const [key, r] of restored) {
      if (key === idKey(spoke.id)) {
        // Its peering to the hub still sees the hub's IPv6: the hub keeps it.
        const was = original.get(key);
        expect(r.properties?.addressSpace).toEqual(was?.properties?.addressSpace);
        expect(r.properties?.subnets).toEqual(was?.properties?.subnets);
      } else if (key.includes(spokeRg)) expect(untagged(r)).toEqual(original.get(key));
      else if (!JSON.stringify(migratedById.get(key)).includes(block.replace('/56', '')))
        expect(r).toEqual(migratedById.get(key));
    }
    // The hub keeps its IPv6 but no longer routes or allows the spoke's block.
    const hub = restored.get(idKey(config.hubVnetId));
    expect(JSON.stringify(hub?.properties?.addressSpace)).toContain(':');
    for (const [key, r] of restored)
      if (!key.includes(spokeRg)) expect(JSON.stringify(r.properties?.routes ?? [])).not.toContain(block);
    expect(planRollback([...restored.values()], config, reservations, { vnetIds: [spoke.id] }).steps).toEqual(
      [],
    );
  });

  it('refuses to take the hub back while spokes keep their IPv6', () => {
    const plan = planRollback(after, config, reservations, { vnetIds: [config.hubVnetId] });
    expect(codes(plan.blockers)).toEqual(['HubRollbackLeavesSpokes']);
    expect(plan.steps.filter((s) => s.vnetIds.some((v) => idKey(v) === idKey(config.hubVnetId)))).toEqual([]);
    expect(plan.vnets.find((v) => v.role === 'hub')?.blocked).toBe(true);
  });

  it('blocks a spoke where someone else put IPv6 in a subnet Dualstack numbered, and takes nothing from it', () => {
    const nic = after.find(
      (r) => r.type === 'Microsoft.Network/networkInterfaces' && r.id.toLowerCase().includes(spokeRg),
    );
    if (!nic) throw new Error('no NIC');
    const configs = nic.properties?.ipConfigurations as {
      name: string;
      properties: Record<string, unknown>;
    }[];
    const twin = configs.find((c) => c.name.endsWith('-ipv6'));
    if (!twin) throw new Error('no twin');
    const handMade = {
      ...nic,
      properties: {
        ...nic.properties,
        ipConfigurations: configs.map((c) => (c === twin ? { ...c, name: 'by-hand' } : c)),
      },
    };
    const edited = after.map((r) => (r === nic ? handMade : r));
    const plan = planRollback(edited, config, reservations, { vnetIds: [spoke.id] });
    expect(codes(plan.blockers)).toEqual(['Ipv6InUseByOthers']);
    expect(plan.blockers[0]?.resourceId).toBe(nic.id);
    expect(plan.steps.filter((s) => s.resourceId.toLowerCase().includes(spokeRg))).toEqual([]);
  });

  it('keeps the hub too when a spoke is blocked: the spoke still routes IPv6 through the hub', () => {
    const nic = after.find(
      (r) => r.type === 'Microsoft.Network/networkInterfaces' && r.id.toLowerCase().includes(spokeRg),
    );
    if (!nic) throw new Error('no NIC');
    const configs = nic.properties?.ipConfigurations as { name: string }[];
    const handMade = {
      ...nic,
      properties: {
        ...nic.properties,
        ipConfigurations: configs.map((c) => (c.name.endsWith('-ipv6') ? { ...c, name: 'by-hand' } : c)),
      },
    };
    const plan = planRollback(
      after.map((r) => (r === nic ? handMade : r)),
      config,
      reservations,
    );
    expect(codes(plan.blockers).sort()).toEqual(['HubRollbackLeavesSpokes', 'Ipv6InUseByOthers']);
    const kept = new Set([idKey(config.hubVnetId), idKey(spoke.id)]);
    // Nothing of the blocked spoke changes, its routes to the hub's NVA included; the hub keeps its
    // address space, NVA and NICs (its peerings, routes and rules toward the other spokes do change).
    for (const s of plan.steps) {
      expect(s.resourceId.toLowerCase()).not.toContain(spokeRg);
      if (['virtualNetwork', 'loadBalancer', 'networkInterface'].includes(s.kind))
        expect(s.vnetIds.filter((v) => kept.has(idKey(v)))).toEqual([]);
    }
    expect(plan.steps.filter((s) => s.kind === 'virtualNetwork')).toHaveLength(3);
    expect(
      plan.vnets
        .filter((v) => v.blocked)
        .map((v) => idKey(v.vnetId))
        .sort(),
    ).toEqual([...kept].sort());
  });

  it('leaves alone IPv6 that Dualstack holds no reservation for', () => {
    const others = reservations.filter((r) => idKey(r.vnetId) !== idKey(spoke.id));
    const plan = planRollback(after, config, others, { vnetIds: [spoke.id] });
    expect(codes(plan.warnings)).toEqual(['Ipv6NotAddedByDualstack']);
    expect(plan.steps).toEqual([]);
  });

  it('names the VNets it leaves alone when rolling back everything', () => {
    const others = reservations.filter((r) => idKey(r.vnetId) !== idKey(spoke.id));
    const plan = planRollback(after, config, others);
    const left = plan.warnings.filter((w) => w.code === 'Ipv6NotAddedByDualstack');
    expect(left.map((w) => idKey(w.resourceId ?? ''))).toEqual([idKey(spoke.id)]);
    // Its address space and subnets stay; only routes to the hub's NVA, which goes back, leave with the hub.
    expect(plan.steps.filter((s) => idKey(s.resourceId) === idKey(spoke.id))).toEqual([]);
    expect(
      plan.steps.filter(
        (s) => s.kind === 'networkInterface' && s.vnetIds.some((v) => idKey(v) === idKey(spoke.id)),
      ),
    ).toEqual([]);
  });
});

describe('planRollback over generated estates', () => {
  it('undoes a migration exactly, and a second rollback finds nothing', () => {
    fc.assert(
      fc.property(
        fc.record({
          spokes: fc.integer({ min: 1, max: 6 }),
          subnetsPerSpoke: fc.integer({ min: 1, max: 3 }),
          nicsPerSubnet: fc.integer({ min: 0, max: 2 }),
          seed: fc.integer(),
        }),
        (options) => {
          const before = generateEstate(options);
          const config = configFor(before, 'vnet-hub');
          const forward = planDualStack(before, config);
          const after = applyPlanToSnapshot(before, forward);
          const plan = planRollback(after, config, forward.reservations);
          expect(plan.blockers).toEqual([]);
          expectTopological(plan);
          const restored = applyPlanToSnapshot(after, plan);
          const original = byId(before);
          for (const r of restored) expect(untagged(r)).toEqual(original.get(idKey(r.id)));
          expect(planRollback(restored, config, forward.reservations).steps).toEqual([]);
          // Untagged again (and its /56s given back), the estate migrates to exactly what it was.
          const untaggedEstate = restored.map(untagged);
          const again = planDualStack(untaggedEstate, config);
          const remigrated = byId(applyPlanToSnapshot(untaggedEstate, again));
          for (const r of after) expect(remigrated.get(idKey(r.id))).toEqual(r);
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('planRollback of a spoke that shares its route table and NSG', () => {
  it('keeps what the other spoke still uses and takes out rules that only named the spoke', () => {
    const estate = smallEstate({ spokes: 2 });
    const rt1 = byName(estate, 'rt-spoke1');
    const nsg1 = byName(estate, 'nsg-spoke1');
    // spoke2's subnets use spoke1's route table and NSG.
    const spoke2 = byName(estate, 'spoke2');
    const subnets = spoke2.properties?.subnets as { properties: Record<string, unknown> }[];
    for (const s of subnets) {
      s.properties.routeTable = { id: rt1.id };
      s.properties.networkSecurityGroup = { id: nsg1.id };
    }
    const config = smallConfig();
    const forward = planDualStack(estate, config);
    const after = applyPlanToSnapshot(estate, forward);
    const spoke1 = byName(after, 'spoke1');
    const plan = planRollback(after, config, forward.reservations, { vnetIds: [spoke1.id] });
    expect(plan.blockers).toEqual([]);
    const restored = applyPlanToSnapshot(after, plan);
    const names = (r: ArmResource, list: string) =>
      ((r.properties?.[list] as { name: string }[] | undefined) ?? []).map((c) => c.name);
    // spoke2 still sends IPv6 through the shared table.
    expect(names(byName(restored, 'rt-spoke1'), 'routes')).toEqual(['default', 'default-ipv6']);
    // The twin of allow-hub allowed only spoke1's /64s: it goes; allow-lb had no twin.
    expect(names(byName(restored, 'nsg-spoke1'), 'securityRules')).toEqual(['allow-hub', 'allow-lb']);
    expect(byName(restored, 'spoke2')).toEqual(byName(after, 'spoke2'));
    expect(untagged(byName(restored, 'spoke1')).properties?.subnets).toEqual(
      byName(estate, 'spoke1').properties?.subnets,
    );
  });
});
