import type { ArmResource } from '../../../src/arm/ArmResource';
import { PlanInputError } from '../../../src/planner/PlanInputError';
import { planDualStack } from '../../../src/planner/planDualStack';
import { applyPlanToSnapshot } from './fixtures/applyPlanToSnapshot';
import { byName, smallConfig, smallEstate } from './fixtures/smallTopology';
import { mustStep, problemsThrown, stepFor } from './fixtures/planHelpers';

function inputProblems(observed: ArmResource[]): string[] {
  return problemsThrown(() => planDualStack(observed, smallConfig()), PlanInputError);
}

describe('planDualStack', () => {
  it('is deterministic and leaves its input untouched', () => {
    const estate = smallEstate({ spokes: 3 });
    const copy = structuredClone(estate);
    const a = planDualStack(estate, smallConfig());
    expect(estate).toEqual(copy);
    expect(planDualStack(copy, smallConfig())).toEqual(a);
    // the same network listed in another order is the same plan
    expect(planDualStack([...copy].reverse(), smallConfig())).toEqual(a);
  });

  it('orders every step after its dependencies', () => {
    const plan = planDualStack(smallEstate({ spokes: 3 }), smallConfig());
    const position = new Map(plan.steps.map((s, i) => [s.id, i]));
    for (const [i, s] of plan.steps.entries())
      for (const d of s.dependsOn) expect(position.get(d)).toBeLessThan(i);
    expect(new Set(plan.steps.map((s) => s.id)).size).toBe(plan.steps.length);
  });

  it('plans nothing once every step is applied (a second run changes nothing)', () => {
    const estate = smallEstate({ spokes: 3 });
    const plan = planDualStack(estate, smallConfig());
    expect(plan.steps.length).toBeGreaterThan(0);
    const after = applyPlanToSnapshot(estate, plan);
    const again = planDualStack(after, smallConfig(), plan.reservations);
    expect(again.steps).toEqual([]);
    expect(again.vnets.map((v) => v.ipv6Prefix)).toEqual(plan.vnets.map((v) => v.ipv6Prefix));
    expect(again.reservations).toEqual([]);
  });

  it('plans one spoke plus the hub side it needs (event-driven reconcile)', () => {
    const estate = smallEstate({ spokes: 3 });
    const full = planDualStack(estate, smallConfig());
    const spoke2 = byName(estate, 'spoke2');
    const one = planDualStack(estate, smallConfig(), [], { onlyVnetIds: [spoke2.id] });
    expect(one.onlyVnetIds).toEqual([spoke2.id]);
    expect(one.vnets.map((v) => v.vnetId)).toEqual([byName(estate, 'hub').id, spoke2.id]);
    expect(one.vnets[1]?.ipv6Prefix).toBe(full.vnets.find((v) => v.vnetId === spoke2.id)?.ipv6Prefix);
    for (const s of one.steps)
      expect(s.vnetIds.some((v) => v === spoke2.id || v === byName(estate, 'hub').id)).toBe(true);
    expect(stepFor(one, 'virtualNetwork', byName(estate, 'spoke1'))).toBeUndefined();
    expect(mustStep(one, 'virtualNetwork', spoke2).desired).toEqual(
      mustStep(full, 'virtualNetwork', spoke2).desired,
    );
    // the hub is still dual-stacked first: its steps come along
    expect(mustStep(one, 'virtualNetwork', byName(estate, 'hub'))).toBeDefined();
    const ids = new Set(one.steps.map((s) => s.id));
    for (const s of one.steps) for (const d of s.dependsOn) expect(ids.has(d)).toBe(true);
    // once the hub is done, the spoke plan is only the spoke's own side plus the hub's peering to it
    const hubDone = applyPlanToSnapshot(estate, {
      ...full,
      steps: full.steps.filter((s) => s.vnetId === byName(estate, 'hub').id),
    });
    const later = planDualStack(hubDone, smallConfig(), full.reservations, { onlyVnetIds: [spoke2.id] });
    expect(later.steps.every((s) => s.vnetIds.includes(spoke2.id))).toBe(true);
  });

  it('says so when onlyVnetIds names something that is not a spoke', () => {
    const estate = smallEstate({ spokes: 1 });
    const ghost = byName(estate, 'spoke1').id.replace('spoke1', 'ghost');
    const plan = planDualStack(estate, smallConfig(), [], { onlyVnetIds: [ghost] });
    expect(plan.warnings.map((w) => [w.code, w.resourceId])).toContainEqual(['NotASpoke', ghost]);
    expect(plan.vnets.map((v) => v.role)).toEqual(['hub']);
  });

  it('names the resource and field of malformed input', () => {
    const estate = smallEstate({ spokes: 1 });
    const spoke = byName(estate, 'spoke1');
    (spoke.properties as { addressSpace: { addressPrefixes: unknown[] } }).addressSpace.addressPrefixes[0] =
      '10.1.0.0/33';
    const sub = (spoke.properties as { subnets: { properties: Record<string, unknown> }[] }).subnets[1];
    if (sub) delete sub.properties.addressPrefix;
    const nic = byName(estate, 'nic-spoke1-a');
    nic.properties = {};
    expect(inputProblems([...estate, { id: 'nonsense', name: 'x', type: 'y' }])).toEqual([
      `${spoke.id}: properties.addressSpace.addressPrefixes[0] "10.1.0.0/33" is not a CIDR`,
      `${spoke.id}/subnets/snet-b: properties.addressPrefix or properties.addressPrefixes is required`,
      `${nic.id}: properties.ipConfigurations is empty or missing`,
      `observed[${estate.length}]: id "nonsense" is not an ARM resource id`,
    ]);
  });

  it('names hubVnetId when the hub is not observed', () => {
    const estate = smallEstate({ spokes: 1 }).filter((r) => r.name !== 'hub');
    expect(inputProblems(estate)[0]).toMatch(/^hubVnetId: .*hub is not among the observed virtual networks$/);
  });
});
