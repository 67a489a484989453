import { criticalPathMs, throttleBoundMs, vnetSerialBoundMs } from '../../bench/migrationBench';
import type { Plan, PlanStep, StepKind } from '../../src/planner/Plan';

const RG = '/subscriptions/s/resourceGroups';
const hub = `${RG}/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub`;
const spoke = (n: number): string => `${RG}/rg-${n}/providers/Microsoft.Network/virtualNetworks/vnet-${n}`;

function step(
  kind: StepKind,
  resourceId: string,
  vnetId: string | undefined,
  dependsOn: PlanStep[],
): PlanStep {
  return {
    id: `${kind}:${resourceId.toLowerCase()}`,
    kind,
    resourceId,
    ...(vnetId ? { vnetId } : {}),
    vnetIds: vnetId ? [vnetId] : [],
    dependsOn: dependsOn.map((d) => d.id),
    desired: { id: resourceId, name: resourceId.split('/').pop() ?? '', type: kind },
    additions: [],
    ipv6Prefixes: [],
    summary: kind,
  };
}

/**
 * A hub (VNet 10 s, NVA load balancer 8 s, one NVA NIC 5 s) and three spokes (VNet 10 s each),
 * each with a hub-side peering sync (5 s) waiting for the hub's and the spoke's VNet.
 */
function hubAndSpokes(): Plan {
  const hubVnet = step('virtualNetwork', hub, hub, []);
  const lb = step('loadBalancer', `${RG}/rg-hub/providers/Microsoft.Network/loadBalancers/lbi-nva`, hub, [
    hubVnet,
  ]);
  const nic = step(
    'networkInterface',
    `${RG}/rg-hub/providers/Microsoft.Network/networkInterfaces/nic-nva`,
    hub,
    [hubVnet, lb],
  );
  const steps = [hubVnet, lb, nic];
  for (const n of [1, 2, 3]) {
    const vnet = step('virtualNetwork', spoke(n), spoke(n), [hubVnet]);
    steps.push(vnet, step('peeringSync', `${hub}/virtualNetworkPeerings/to-${n}`, spoke(n), [hubVnet, vnet]));
  }
  return {
    schemaVersion: 1,
    hubVnetId: hub,
    ipv6Pool: 'fd00::/48',
    poolGenerated: false,
    vnets: [],
    steps,
    blockers: [],
    warnings: [],
    manualActions: [],
    reservations: [],
  };
}

describe('migration bench lower bounds', () => {
  it('takes the critical path from dependencies alone', () => {
    // hub VNet, then a spoke VNet, then its sync: 10 + 10 + 5 s.
    expect(criticalPathMs(hubAndSpokes(), 1)).toBe(25_000);
  });

  it("adds the hub's own load balancer and NIC chain to its serial VNet writes, which they can't overlap", () => {
    // 10 s VNet + 3 × 5 s syncs, plus the 8 s + 5 s load balancer → NIC chain.
    expect(vnetSerialBoundMs(hubAndSpokes(), 1)).toBe(38_000);
  });

  it('counts the wait before the first sync can start when that is what binds', () => {
    const plan = hubAndSpokes();
    // Without the NVA chain: syncs can't start before 20 s (hub VNet, then a spoke VNet), then 3 × 5 s.
    plan.steps = plan.steps.filter((s) => s.kind !== 'loadBalancer' && s.kind !== 'networkInterface');
    expect(vnetSerialBoundMs(plan, 1)).toBe(35_000);
  });

  it('scales with the time scale, and the write throttle admits the first 200 writes at once', () => {
    expect(vnetSerialBoundMs(hubAndSpokes(), 0.05)).toBeCloseTo(1_900, 6);
    expect(throttleBoundMs(200, 1)).toBe(0);
    expect(throttleBoundMs(300, 0.05)).toBe(500);
  });
});
