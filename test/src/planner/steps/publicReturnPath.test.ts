import type { ArmResource } from '../../../../src/arm/ArmResource';
import type { Finding } from '../../../../src/planner/Plan';
import { planDualStack } from '../../../../src/planner/planDualStack';
import { applyPlanToSnapshot } from '../fixtures/applyPlanToSnapshot';
import { avnmRules } from '../fixtures/avnmRules';
import { estateWithPublicIps, LB_ID } from '../fixtures/publicEstate';
import { byName, id, smallConfig } from '../fixtures/smallTopology';

const NVA = 'fd00:1:0:4::4';

function returnPathWarnings(estate: ArmResource[], publicIpv6: 'mirror' | 'none' = 'mirror'): Finding[] {
  return planDualStack(estate, smallConfig({ publicIpv6 })).warnings.filter(
    (w) => w.code === 'PublicIpv6ReturnViaNva',
  );
}

/** spoke1's route table with its 0.0.0.0/0 route's next hop replaced. */
function withDefaultRoute(estate: ArmResource[], nextHopType: string): ArmResource[] {
  const routes = byName(estate, 'rt-spoke1').properties?.routes as { properties: Record<string, unknown> }[];
  for (const r of routes) {
    r.properties.nextHopType = nextHopType;
    delete r.properties.nextHopIpAddress;
  }
  return estate;
}

describe('public IPv6 behind the ::/0 route to the NVA pool (asymmetric return path)', () => {
  it('warns for the public load balancer, naming its IPv6 frontend, the backend subnets, the route, the NVA and the fixes', () => {
    const estate = estateWithPublicIps();
    const [lb, ...rest] = returnPathWarnings(estate, 'none');
    expect(rest).toEqual([]);
    expect(lb?.resourceId).toBe(LB_ID);
    expect(lb?.message).toBe(
      `public load balancer lbe-web: internet clients reach its IPv6 frontend fe-pub-ipv6 directly, but replies from its backends in subnets snet-a, snet-b take the ::/0 route default-ipv6 in rt-spoke1 to the IPv6 NVA pool (${NVA}), so the NVA pool sees only the return leg of each inbound flow (asymmetric routing) and a stateful NVA drops those replies (IPv4 replies already take the same path, through the 0.0.0.0/0 route to 10.0.1.4)`,
    );
    expect(lb?.fix).toContain('forward these replies without state');
    expect(lb?.fix).toContain('publish the service through the NVA pool');
    expect(lb?.fix).toContain("next hop Internet) can't be written");
    expect(lb?.fix).toContain('exclude lbe-web with the exclusion tag');
  });

  it('warns for a NIC whose public IP is mirrored onto its IPv6 configuration, and not without the mirror', () => {
    const estate = estateWithPublicIps();
    const nic = returnPathWarnings(estate).find((w) => w.resourceId === byName(estate, 'nic-spoke1-a').id);
    expect(nic?.message).toContain(
      'NIC nic-spoke1-a: internet clients reach its IPv6 public IP pip-vm-a-ipv6 directly, but its replies from subnet snet-a take the ::/0 route default-ipv6',
    );
    expect(nic?.fix).toContain('keep publicIpv6 "none"');
    expect(returnPathWarnings(estate, 'none').map((w) => w.resourceId)).toEqual([LB_ID]);
  });

  it('says nothing when the default route is not an appliance, or the load balancer is left IPv4', () => {
    expect(returnPathWarnings(withDefaultRoute(estateWithPublicIps(), 'Internet'))).toEqual([]);
    const excluded = estateWithPublicIps();
    byName(excluded, 'lbe-web').tags = { 'dualstack:skip': 'true' };
    expect(returnPathWarnings(excluded, 'none')).toEqual([]);
  });

  it('warns when the plan adds the ::/0 route behind an existing public IPv6 frontend, and not once the estate is migrated', () => {
    const estate = estateWithPublicIps();
    const migrated = applyPlanToSnapshot(
      estate,
      planDualStack(estate, smallConfig({ publicIpv6: 'mirror' })),
    );
    expect(returnPathWarnings(migrated)).toEqual([]);
    // The ::/0 twin taken out again: the next plan brings it back, and with it the asymmetry.
    const table = byName(migrated, 'rt-spoke1').properties as { routes: { name: string }[] };
    table.routes = table.routes.filter((r) => r.name !== 'default-ipv6');
    expect(returnPathWarnings(migrated).map((w) => w.resourceId.split('/').pop())).toEqual([
      'lbe-web',
      'nic-spoke1-a',
    ]);
  });

  describe('where AVNM routes the backends’ subnets', () => {
    // spoke1's own table sends 0.0.0.0/0 to the internet; AVNM's rule sends it to the NVA (10.0.4.4)
    const avnmEstate = (options: Parameters<typeof avnmRules>[0] = {}): ArmResource[] => [
      ...withDefaultRoute(estateWithPublicIps(), 'Internet'),
      ...avnmRules(options),
    ];

    it("names the ::/0 twin this plan adds to AVNM's rule collection, and the IPv4 rule's appliance", () => {
      const [lb, ...rest] = returnPathWarnings(avnmEstate(), 'none');
      expect(rest).toEqual([]);
      expect(lb?.resourceId).toBe(LB_ID);
      expect(lb?.message).toContain(
        `replies from its backends in subnets snet-a, snet-b take the ::/0 route default-ipv6 in AVNM rule collection spokes to the IPv6 NVA pool (${NVA})`,
      );
      expect(lb?.message).toContain('through the 0.0.0.0/0 route to 10.0.4.4');
    });

    it('says nothing where the routing configuration is not deployed in the VNet’s region, or its group leaves the spoke out', () => {
      expect(returnPathWarnings(avnmEstate({ deployedIn: [] }), 'none')).toEqual([]);
      expect(
        returnPathWarnings(avnmEstate({ members: [id('rg-spoke9', 'virtualNetworks', 'spoke9')] }), 'none'),
      ).toEqual([]);
    });

    it('warns no more once the twin is in the collection, and again when the next plan has to bring it back', () => {
      const estate = avnmEstate();
      const migrated = applyPlanToSnapshot(
        estate,
        planDualStack(estate, smallConfig({ publicIpv6: 'none' })),
      );
      expect(returnPathWarnings(migrated, 'none')).toEqual([]);
      const deleted = migrated.filter((r) => !r.id.endsWith('/ruleCollections/spokes/rules/default-ipv6'));
      expect(deleted).toHaveLength(migrated.length - 1);
      const [lb, ...rest] = returnPathWarnings(deleted, 'none');
      expect(rest).toEqual([]);
      expect(lb?.resourceId).toBe(LB_ID);
      expect(lb?.message).toContain('take the ::/0 route default-ipv6 in AVNM rule collection spokes');
    });
  });
});
