import type { PlanStep, StepKind } from '../../../src/planner/Plan';
import { orderSteps } from '../../../src/planner/orderSteps';

const HUB = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/hub';
const A = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/a';
const B = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/b';
const vnetOrder = new Map([HUB, A, B].map((id, i) => [id.toLowerCase(), i]));

function step(kind: StepKind, name: string, vnetIds: string[], dependsOn: string[], owned = true): PlanStep {
  const s: PlanStep = {
    id: `${kind}:${name}`,
    kind,
    resourceId: name,
    vnetIds,
    dependsOn,
    desired: { id: name, name, type: kind },
    additions: [],
    ipv6Prefixes: [],
    summary: name,
  };
  if (owned && vnetIds[0]) s.vnetId = vnetIds[0];
  return s;
}

const ids = (steps: PlanStep[]) => steps.map((s) => s.id);

describe('orderSteps', () => {
  it('reads like a runbook: hub, then each spoke by kind, whatever order the steps came in', () => {
    const steps = [
      step('peeringSync', 'sync-b', [B, HUB], ['virtualNetwork:b', 'virtualNetwork:hub']),
      step('networkInterface', 'nic-a', [A], ['virtualNetwork:a']),
      step('virtualNetwork', 'b', [B], ['virtualNetwork:hub']),
      step('virtualNetwork', 'a', [A], ['virtualNetwork:hub']),
      step('loadBalancer', 'lb-a', [A], ['virtualNetwork:a']),
      step('virtualNetwork', 'hub', [HUB], []),
    ];
    expect(ids(orderSteps(steps, vnetOrder))).toEqual([
      'virtualNetwork:hub',
      'virtualNetwork:a',
      'loadBalancer:lb-a',
      'networkInterface:nic-a',
      'virtualNetwork:b',
      'peeringSync:sync-b',
    ]);
  });

  it('moves a step behind a dependency that ranks later (a shared load balancer whose pool a spoke joins)', () => {
    // The LB serves A and B, so it ranks after B's VNet; A's NIC joins its pool and must wait for it.
    const steps = [
      step('virtualNetwork', 'hub', [HUB], []),
      step('virtualNetwork', 'a', [A], ['virtualNetwork:hub']),
      step('networkInterface', 'nic-a', [A], ['virtualNetwork:a', 'loadBalancer:shared']),
      step('networkInterface', 'nic-a2', [A], ['virtualNetwork:a']),
      step('virtualNetwork', 'b', [B], ['virtualNetwork:hub']),
      step('loadBalancer', 'shared', [A, B], ['virtualNetwork:a', 'virtualNetwork:b'], false),
    ];
    const ordered = ids(orderSteps(steps, vnetOrder));
    expect(ordered).toEqual([
      'virtualNetwork:hub',
      'virtualNetwork:a',
      'networkInterface:nic-a2',
      'virtualNetwork:b',
      'loadBalancer:shared',
      'networkInterface:nic-a',
    ]);
  });

  it('drops dependencies on steps that are not in the plan, and keeps the others', () => {
    const nic = step('networkInterface', 'nic-a', [A], ['loadBalancer:gone', 'virtualNetwork:a']);
    const ordered = orderSteps([nic, step('virtualNetwork', 'a', [A], [])], vnetOrder);
    expect(ids(ordered)).toEqual(['virtualNetwork:a', 'networkInterface:nic-a']);
    expect(ordered[1]?.dependsOn).toEqual(['virtualNetwork:a']);
  });

  it('names the steps of a dependency cycle (a planner bug) instead of losing them', () => {
    const steps = [
      step('loadBalancer', 'x', [A], ['networkInterface:y']),
      step('networkInterface', 'y', [A], ['loadBalancer:x']),
    ];
    expect(() => orderSteps(steps, vnetOrder)).toThrow(
      /dependency cycle among loadBalancer:x, networkInterface:y/,
    );
  });
});
