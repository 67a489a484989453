import type { ArmResource } from '../../../../src/arm/ArmResource';
import {
  privateDnsZoneResources,
  type PrivateDnsZoneSpec,
} from '../../../../estates/builders/privateDnsZone';
import { applyIpv6Additions } from '../../../../src/planner/applyIpv6Additions';
import { applyIpv6Removals } from '../../../../src/planner/applyIpv6Removals';
import type { Plan, PlanStep } from '../../../../src/planner/Plan';
import { planDualStack } from '../../../../src/planner/planDualStack';
import {
  ADDED_METADATA,
  CREATED_METADATA,
  isEmptyDualstackSet,
} from '../../../../src/planner/privateDnsRecords';
import { planRollback } from '../../../../src/planner/rollback/planRollback';
import { applyPlanToSnapshot } from '../fixtures/applyPlanToSnapshot';
import { codes, mustStep } from '../fixtures/planHelpers';
import { byName, id, smallConfig, smallEstate, SUB } from '../fixtures/smallTopology';

const ZONE = id('rg-dns', 'privateDnsZones', 'corp.internal');

function zone(overrides: Partial<PrivateDnsZoneSpec> = {}): ArmResource[] {
  return privateDnsZoneResources(
    { subscriptionId: SUB, location: 'westeurope' },
    {
      resourceGroup: 'rg-dns',
      zoneName: 'corp.internal',
      links: [
        { name: 'spoke1', vnetId: id('rg-spoke1', 'virtualNetworks', 'spoke1'), registrationEnabled: true },
        { name: 'spoke2', vnetId: id('rg-spoke2', 'virtualNetworks', 'spoke2'), registrationEnabled: false },
      ],
      aRecords: [
        { name: 'vm-a', ipv4Addresses: ['10.1.0.4'], ttl: 10, autoRegistered: true },
        { name: 'web', ipv4Addresses: ['10.1.1.4', '10.2.1.4'], ttl: 300 },
        { name: 'legacy', ipv4Addresses: ['10.1.0.99'], ttl: 300 },
      ],
      ...overrides,
    },
  );
}

function dnsStep(plan: Plan, name: string): PlanStep | undefined {
  return plan.steps.find((s) => s.id === `privateDnsRecordSet:${`${ZONE}/AAAA/${name}`.toLowerCase()}`);
}

/** The NIC as a run leaves it: its IPv6 twin (added here if the plan did not) has the address Azure gave it. */
function withTwin(nic: ArmResource, address: string): ArmResource {
  const copy = structuredClone(nic);
  const configs = copy.properties?.ipConfigurations as Record<string, unknown>[];
  const twin = configs.find((c) => c.name === 'ipconfig1-ipv6') as
    { properties: Record<string, unknown> } | undefined;
  if (twin) {
    twin.properties.privateIPAddress = address;
    return copy;
  }
  const primary = configs[0] as { properties: { subnet: unknown } };
  configs.push({
    id: `${nic.id}/ipConfigurations/ipconfig1-ipv6`,
    name: 'ipconfig1-ipv6',
    properties: {
      primary: false,
      privateIPAddress: address,
      privateIPAddressVersion: 'IPv6',
      privateIPAllocationMethod: 'Dynamic',
      subnet: primary.properties.subnet,
    },
  });
  return copy;
}

describe('private DNS steps', () => {
  it('plans an AAAA set beside each A set that names a NIC getting IPv6, after that NIC, with the A set TTL', () => {
    const estate = [...smallEstate({ spokes: 2 }), ...zone()];
    const plan = planDualStack(estate, smallConfig());
    const vmA = dnsStep(plan, 'vm-a');
    const nicStep = mustStep(plan, 'networkInterface', byName(estate, 'nic-spoke1-a'));
    expect(vmA).toMatchObject({
      kind: 'privateDnsRecordSet',
      vnetId: id('rg-spoke1', 'virtualNetworks', 'spoke1'),
      dependsOn: [nicStep.id],
      additions: [
        {
          op: 'addAaaaRecord',
          ipConfigurationId: `${byName(estate, 'nic-spoke1-a').id}/ipConfigurations/ipconfig1-ipv6`,
          ttl: 10,
        },
      ],
    });
    // Created by Dualstack, so marked: rollback may delete it once it took its records out.
    expect(vmA?.desired.properties).toEqual({ ttl: 10, metadata: { [CREATED_METADATA]: 'true' } });
    expect(plan.steps.indexOf(vmA as PlanStep)).toBeGreaterThan(plan.steps.indexOf(nicStep));
    // A name with A records in two spokes is shared: it runs once both NICs have their IPv6.
    const web = dnsStep(plan, 'web');
    expect(web?.vnetId).toBeUndefined();
    expect(web?.vnetIds).toHaveLength(2);
    expect(web?.dependsOn).toHaveLength(2);
    // An A record naming no NIC Dualstack touches gets nothing.
    expect(dnsStep(plan, 'legacy')).toBeUndefined();
    expect(codes(plan.warnings)).toContain('AaaaRecordsNotAutoRegistered');
  });

  it('plans nothing for zones linked to no migrated VNet, or for a spoke left out', () => {
    const estate = [
      ...smallEstate({ spokes: 2 }),
      ...zone({
        links: [
          { name: 'x', vnetId: id('rg-other', 'virtualNetworks', 'other'), registrationEnabled: false },
        ],
      }),
    ];
    expect(
      planDualStack(estate, smallConfig()).steps.filter((s) => s.kind === 'privateDnsRecordSet'),
    ).toEqual([]);
    const only = planDualStack([...smallEstate({ spokes: 2 }), ...zone()], smallConfig(), [], {
      onlyVnetIds: [id('rg-spoke2', 'virtualNetworks', 'spoke2')],
    });
    expect(dnsStep(only, 'vm-a')).toBeUndefined();
    expect(dnsStep(only, 'web')?.vnetIds).toEqual([id('rg-spoke2', 'virtualNetworks', 'spoke2')]);
  });

  it('merges into an existing AAAA set without losing its records, and is idempotent once the records are there', () => {
    const base = smallEstate({ spokes: 2 }).map((r) =>
      r.name === 'nic-spoke1-a' ? withTwin(r, 'fd00:1:0:100::4') : r,
    );
    const existing = zone({ aaaaRecords: [{ name: 'vm-a', ipv6Addresses: ['fd00:99::1'], ttl: 10 }] });
    const plan = planDualStack([...base, ...existing], smallConfig());
    const step = dnsStep(plan, 'vm-a');
    expect(step?.additions).toEqual([
      expect.objectContaining({ op: 'addAaaaRecord', address: 'fd00:1:0:100::4' }),
    ]);
    expect(step?.dependsOn).toEqual([]);
    expect(step?.plannedEtag).toBe(existing.find((r) => r.id === `${ZONE}/AAAA/vm-a`)?.etag);
    expect(step?.desired.properties).toMatchObject({
      aaaaRecords: [{ ipv6Address: 'fd00:99::1' }, { ipv6Address: 'fd00:1:0:100::4' }],
      metadata: { [ADDED_METADATA]: 'fd00:1:0:100::4' },
    });
    const written = [...base, ...existing.map((r) => (r.id === step?.resourceId ? step.desired : r))];
    expect(dnsStep(planDualStack(written, smallConfig()), 'vm-a')).toBeUndefined();
    // Written some other way (0 padding): the same address, nothing to add.
    const padded = zone({
      aaaaRecords: [{ name: 'vm-a', ipv6Addresses: ['fd00:1:0:100:0:0:0:4'], ttl: 10 }],
    });
    expect(dnsStep(planDualStack([...base, ...padded], smallConfig()), 'vm-a')).toBeUndefined();
  });

  it('warns instead of overfilling a set past the 20 records Private DNS allows', () => {
    const full = Array.from({ length: 20 }, (_, i) => `fd00:99::${i + 1}`);
    const plan = planDualStack(
      [
        ...smallEstate({ spokes: 2 }),
        ...zone({ aaaaRecords: [{ name: 'vm-a', ipv6Addresses: full, ttl: 10 }] }),
      ],
      smallConfig(),
    );
    expect(dnsStep(plan, 'vm-a')).toBeUndefined();
    expect(plan.warnings).toContainEqual(
      expect.objectContaining({ code: 'AaaaRecordSetFull', resourceId: `${ZONE}/AAAA/vm-a` }),
    );
  });

  it("applies an addition once, notes it as Dualstack's, and the removal takes exactly that record back", () => {
    const set: ArmResource = {
      id: `${ZONE}/AAAA/web`,
      name: 'web',
      type: 'Microsoft.Network/privateDnsZones/AAAA',
      etag: 'e1',
      properties: { ttl: 300, metadata: { owner: 'team-a' }, aaaaRecords: [{ ipv6Address: 'fd00:99::1' }] },
    };
    const addition = { op: 'addAaaaRecord' as const, ipConfigurationId: 'x', address: 'fd00:1::4', ttl: 300 };
    const added = applyIpv6Additions(set, [addition]);
    expect(applyIpv6Additions(added, [addition])).toEqual(added);
    expect(added.properties?.metadata).toEqual({ owner: 'team-a', [ADDED_METADATA]: 'fd00:1::4' });
    const removed = applyIpv6Removals(added, [{ op: 'removeAaaaRecord', address: 'fd00:1:0:0::4' }]);
    expect(removed).toEqual(set);
    expect(isEmptyDualstackSet(removed)).toBe(false);
  });
});

describe('private DNS rollback', () => {
  it('removes only the AAAA records Dualstack noted, in the VNets going back, before their NICs lose IPv6', () => {
    const config = smallConfig();
    const forward = planDualStack(smallEstate({ spokes: 2 }), config);
    const block = forward.reservations.find((r) => r.vnetId.endsWith('/spoke1'))?.prefix ?? '';
    const address = `${block.split('::')[0]}::4`;
    // After the run: spoke1 dual-stack, vm-a's set created by Dualstack; web merged with someone's record.
    const after = [
      ...applyPlanToSnapshot(smallEstate({ spokes: 2 }), forward).map((r) =>
        r.name === 'nic-spoke1-a' ? withTwin(r, address) : r,
      ),
      ...zone({
        aaaaRecords: [
          { name: 'vm-a', ipv6Addresses: [address], ttl: 10 },
          { name: 'web', ipv6Addresses: ['fd00:99::1', address], ttl: 300 },
        ],
      }).map((r) => {
        if (!r.type.endsWith('/AAAA')) return r;
        const metadata = {
          [ADDED_METADATA]: address,
          ...(r.name === 'vm-a' ? { [CREATED_METADATA]: 'true' } : {}),
        };
        return { ...r, properties: { ...r.properties, metadata } };
      }),
    ];
    const spoke1 = id('rg-spoke1', 'virtualNetworks', 'spoke1');
    const rollback = planRollback(after, config, [{ vnetId: spoke1, prefix: block }], { vnetIds: [spoke1] });
    const vmA = dnsStep(rollback, 'vm-a');
    expect(vmA?.removals).toEqual([{ op: 'removeAaaaRecord', address }]);
    expect(isEmptyDualstackSet(vmA?.desired as ArmResource)).toBe(true);
    expect(vmA?.summary).toMatch(/the set Dualstack created goes/);
    const web = dnsStep(rollback, 'web');
    expect(web?.desired.properties?.aaaaRecords).toEqual([{ ipv6Address: 'fd00:99::1' }]);
    expect(isEmptyDualstackSet(web?.desired as ArmResource)).toBe(false);
    const nicStep = mustStep(rollback, 'networkInterface', byName(after, 'nic-spoke1-a'));
    expect(nicStep.dependsOn).toEqual(expect.arrayContaining([vmA?.id, web?.id]));
  });
});
