import type { ArmResource } from '../../../../src/arm/ArmResource';
import { parseConfig } from '../../../../src/planner/config/parseConfig';
import type { ConfigError } from '../../../../src/planner/config/ConfigError';
import type { IpamPoolState } from '../../../../src/planner/ipam/IpamPoolState';
import { staticCidrName } from '../../../../src/planner/ipam/staticCidrName';
import { planDualStack } from '../../../../src/planner/planDualStack';
import { planRollback } from '../../../../src/planner/rollback/planRollback';
import { renderPlanMarkdown } from '../../../../src/planner/render/renderPlanMarkdown';
import { applyPlanToSnapshot } from '../fixtures/applyPlanToSnapshot';
import { HUB_ID, SUB, smallEstate } from '../fixtures/smallTopology';

const POOL_ID = `/subscriptions/${SUB}/resourceGroups/rg-avnm/providers/Microsoft.Network/networkManagers/nm/ipamPools/v6`;
const config = parseConfig({ hubVnetId: HUB_ID, scope: { subscriptions: [SUB] }, ipamPoolId: POOL_ID });

function pool(addressPrefixes: string[]): ArmResource {
  return {
    id: POOL_ID,
    name: 'v6',
    type: 'Microsoft.Network/networkManagers/ipamPools',
    properties: { addressPrefixes },
  };
}

function staticCidr(name: string, prefix: string): ArmResource {
  return {
    id: `${POOL_ID}/staticCidrs/${name}`,
    name,
    type: 'Microsoft.Network/networkManagers/ipamPools/staticCidrs',
    properties: { addressPrefixes: [prefix] },
  };
}

function state(over: Partial<IpamPoolState> = {}): IpamPoolState {
  return {
    poolId: POOL_ID,
    pool: pool(['fd00:1200::/48']),
    staticCidrs: [],
    allocatedAddressPrefixes: [],
    ...over,
  };
}

describe('VNet blocks from an AVNM IPAM pool', () => {
  const estate = smallEstate({ spokes: 2 });
  const vnetIds = estate.filter((r) => r.type === 'Microsoft.Network/virtualNetworks').map((r) => r.id);

  it('plans a static CIDR per VNet (before its VNet step), clear of every allocation, and no Table reservation', () => {
    const taken = state({
      staticCidrs: [staticCidr('on-prem', 'fd00:1200::/56')],
      allocatedAddressPrefixes: ['fd00:1200::/56', 'fd00:1200:0:200::/55'],
    });
    const plan = planDualStack(estate, config, [{ vnetId: HUB_ID, prefix: 'fd00:9::/56' }], { ipam: taken });
    expect(plan.blockers).toEqual([]);
    expect(plan.reservations).toEqual([]);
    expect(plan.ipv6Pool).toBe('fd00:1200::/48');
    expect(plan.poolGenerated).toBe(false);
    const allocations = plan.ipamPool?.allocations ?? [];
    expect(allocations.map((a) => a.vnetId).sort()).toEqual([...vnetIds].sort());
    for (const a of allocations) {
      expect(['fd00:1200::/56', 'fd00:1200:0:200::/56', 'fd00:1200:0:300::/56']).not.toContain(a.prefix);
      expect(a.staticCidrId).toBe(`${POOL_ID}/staticCidrs/${staticCidrName(a.vnetId)}`);
      const cidrStep = plan.steps.find((s) => s.kind === 'ipamStaticCidr' && s.vnetId === a.vnetId);
      expect(cidrStep?.desired.properties).toMatchObject({ addressPrefixes: [a.prefix] });
      const vnetStep = plan.steps.find((s) => s.kind === 'virtualNetwork' && s.vnetId === a.vnetId);
      expect(vnetStep?.dependsOn).toContain(cidrStep?.id);
      expect(vnetStep?.ipv6Prefixes).toContain(a.prefix);
    }
    expect(plan.ipamPool?.freeBlocks).toBe(String(256 - 3 - allocations.length));
    expect(renderPlanMarkdown(plan)).toContain('## IPAM pool allocations (3)');
  });

  it('reuses the static CIDR an earlier run made, keeps IPv6 a VNet has, and re-plans empty once applied', () => {
    const spoke = vnetIds.find((v) => v !== HUB_ID) ?? '';
    const earlier = state({ staticCidrs: [staticCidr(staticCidrName(spoke), 'fd00:1200:0:4200::/56')] });
    const plan = planDualStack(estate, config, [], { ipam: earlier });
    expect(plan.ipamPool?.allocations.find((a) => a.vnetId === spoke)).toMatchObject({
      prefix: 'fd00:1200:0:4200::/56',
      existing: true,
    });
    expect(plan.steps.some((s) => s.kind === 'ipamStaticCidr' && s.vnetId === spoke)).toBe(false);

    const after = applyPlanToSnapshot(estate, plan);
    const created = plan.steps.filter((s) => s.kind === 'ipamStaticCidr').map((s) => s.desired);
    const later = state({ staticCidrs: [...earlier.staticCidrs, ...created] });
    const again = planDualStack(after, config, [], { ipam: later });
    expect(again.steps).toEqual([]);
    expect(again.ipamPool?.allocations).toEqual([]);

    const rollback = planRollback(after, config, [], { ipam: later });
    const deletes = rollback.steps.filter((s) => s.kind === 'ipamStaticCidr');
    expect(deletes.map((s) => s.resourceId).sort()).toEqual(later.staticCidrs.map((s) => s.id).sort());
    for (const d of deletes) {
      expect(d.removals).toEqual([{ op: 'deleteResource' }]);
      expect(d.dependsOn).toContain(
        rollback.steps.find((s) => s.kind === 'virtualNetwork' && s.vnetId === d.vnetId)?.id,
      );
    }
  });

  it('blocks, naming the pool and the numbers, when the pool is missing, has no IPv6 or is exhausted', () => {
    const codes = (s: IpamPoolState) => planDualStack(estate, config, [], { ipam: s }).blockers;
    expect(codes({ poolId: POOL_ID, staticCidrs: [] })).toEqual([
      expect.objectContaining({ code: 'IpamPoolNotFound', resourceId: POOL_ID }),
    ]);
    expect(codes(state({ pool: pool(['10.0.0.0/8']) }))).toEqual([
      expect.objectContaining({ code: 'IpamPoolNotIpv6', message: expect.stringContaining('10.0.0.0/8') }),
    ]);
    const full = codes(
      state({ pool: pool(['fd00:1200::/55']), allocatedAddressPrefixes: ['fd00:1200::/56'] }),
    );
    expect(full).toEqual([
      expect.objectContaining({
        code: 'IpamPoolExhausted',
        message:
          'the IPAM pool v6 (fd00:1200::/55) has 1 free /56 blocks (1 of 2 allocated); 3 VNets need one',
      }),
    ]);
    const blocked = planDualStack(estate, config, [], { ipam: { poolId: POOL_ID, staticCidrs: [] } });
    expect(blocked.steps).toEqual([]);
  });

  it('config: ipamPoolId must be an IPAM pool id and excludes ipv6Pool, naming the field', () => {
    const problems = (extra: Record<string, unknown>) => {
      try {
        parseConfig({ hubVnetId: HUB_ID, scope: { subscriptions: [SUB] }, ...extra });
        return [];
      } catch (e) {
        return (e as ConfigError).problems;
      }
    };
    expect(problems({ ipamPoolId: HUB_ID })).toEqual([
      expect.stringMatching(/^ipamPoolId: .* is not an IPAM pool id/),
    ]);
    expect(problems({ ipamPoolId: POOL_ID, ipv6Pool: 'fd00::/48' })).toEqual([
      expect.stringMatching(/^ipamPoolId: .*remove ipv6Pool/),
    ]);
  });
});
