import { planTopology } from '../../cli/planTopology';
import { ipamPoolResources } from '../../estates/builders/ipamPool';
import { renderPlanTable } from '../../src/planner/render/renderPlanTable';
import { HUB_ID, SUB, smallEstate } from '../src/planner/fixtures/smallTopology';

describe('planTopology (npm run plan) with an IPAM pool in the exported estate', () => {
  it('reads the pool and its static CIDRs from the file, even outside the scope, and shows the allocations', () => {
    const pool = ipamPoolResources({
      subscriptionId: '22222222-2222-4222-8222-222222222222',
      resourceGroup: 'rg-platform',
      location: 'westeurope',
      networkManagerName: 'avnm',
      poolName: 'v6',
      addressPrefixes: ['fd00:1200::/48'],
      staticCidrs: { 'on-premises': ['fd00:1200::/56'] },
    });
    const poolId = pool[1]?.id ?? '';
    const plan = planTopology([...smallEstate({ spokes: 2 }), ...pool], {
      hubVnetId: HUB_ID,
      scope: { subscriptions: [SUB] },
      ipamPoolId: poolId,
    });
    expect(plan.blockers).toEqual([]);
    expect(plan.ipamPool?.allocations).toHaveLength(3);
    expect(plan.ipamPool?.allocations.map((a) => a.prefix)).not.toContain('fd00:1200::/56');
    const table = renderPlanTable(plan);
    expect(table).toMatch(
      /^IPAM hub: fd00:1200:0:100::\/56 as static CIDR dualstack-hub-[0-9a-f]{8} \(allocated by this run\)$/m,
    );
    expect(table).toMatch(/pool fd00:1200::\/48 of IPAM pool v6 \(252 blocks free after this plan\)/);
  });
});
