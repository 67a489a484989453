import {
  criticalPathMs,
  throttleBoundMs,
  vnetSerialBoundMs,
  windowBoundMs,
} from '../../bench/migrationBench';
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

  it("takes the hub's serial writes from the moment the first can start", () => {
    // Syncs can't start before 20 s (hub VNet, then a spoke VNet); then 3 × 5 s, one at a time. The
    // hub's NVA load balancer and NIC add nothing certain: each can start between two syncs.
    expect(vnetSerialBoundMs(hubAndSpokes(), 1)).toBe(35_000);
  });

  it('counts every serial write from time zero when that is what binds', () => {
    const plan = hubAndSpokes();
    const slow = plan.steps.map((s) => (s.kind === 'peeringSync' ? { ...s, dependsOn: [] } : s));
    // Syncs that wait for nothing all queue behind the hub VNet: 10 + 3 × 5 s.
    expect(vnetSerialBoundMs({ ...plan, steps: slow }, 1)).toBe(25_000);
  });

  it("lays the spokes' own chains end to end through the window, from when the first spoke can start", () => {
    const plan = hubAndSpokes();
    // Each spoke's own steps are its VNet (10 s); its hub-side sync is the hub lane's. Spokes can start at 10 s.
    expect(windowBoundMs(plan, 1, 1)).toBe(10_000 + 3 * 10_000);
    expect(windowBoundMs(plan, 1, 3)).toBe(10_000 + 10_000);
    // A window wider than the spokes is as wide as the spokes.
    expect(windowBoundMs(plan, 1, 50)).toBe(20_000);
  });

  it('scales with the time scale, and the write throttle admits the first 200 writes at once', () => {
    expect(vnetSerialBoundMs(hubAndSpokes(), 0.05)).toBeCloseTo(1_750, 6);
    expect(throttleBoundMs(200, 1)).toBe(0);
    expect(throttleBoundMs(300, 0.05)).toBe(500);
  });

  it("takes Microsoft.Network's 1,000 writes per 5 minutes when it binds harder than ARM's", () => {
    // ARM: (2,000 - 200) / 10 = 180 s; Microsoft.Network: (2,000 - 1,000) / (1,000 / 300 s) = 300 s.
    expect(throttleBoundMs(2000, 1)).toBeCloseTo(300_000, 6);
    expect(throttleBoundMs(1000, 1)).toBe(80_000);
  });
});
