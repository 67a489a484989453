import { defaultConfigFor } from '../../../cli/inferHub';
import { generateEstate } from '../../../estates/generateEstate';
import { planPieces } from '../../../src/activities/planPieces';
import { isHubSideStep, toRunPlan } from '../../../src/activities/RunPlan';
import type { RunPlan } from '../../../src/activities/RunPlan';
import { parseConfig } from '../../../src/planner/config/parseConfig';
import { planDualStack } from '../../../src/planner/planDualStack';

function planOf(spokes: number): RunPlan {
  const estate = generateEstate({ spokes, subnetsPerSpoke: 2, nicsPerSubnet: 1, seed: 5 });
  return toRunPlan(planDualStack(estate, parseConfig(defaultConfigFor(estate))));
}

describe('planPieces', () => {
  const plan = planOf(23);
  const spokes = plan.vnets.filter((v) => v.role === 'spoke');

  it('puts every step and VNet in exactly one piece: the hub and canaries first, then the spokes 10 at a time', () => {
    const canary = spokes[4]?.vnetId ?? '';
    const { manifest, pieces } = planPieces(plan, { canarySpokes: 0, canaryVnetIds: [canary] }, 10);
    expect(pieces.map((p) => p.vnets.length)).toEqual([12, 10, 2]);
    expect(manifest).toMatchObject({ pieces: 3, steps: plan.steps.length, reservations: plan.reservations });
    expect(manifest).not.toHaveProperty('steps.0');
    expect(pieces[0]?.vnets.map((v) => v.vnetId)).toEqual(expect.arrayContaining([plan.hubVnetId, canary]));
    const stepIds = pieces.flatMap((p) => p.steps.map((s) => s.id));
    expect(stepIds.sort()).toEqual(plan.steps.map((s) => s.id).sort());
    const vnetIds = pieces.flatMap((p) => p.vnets.map((v) => v.vnetId));
    expect(vnetIds.sort()).toEqual(plan.vnets.map((v) => v.vnetId).sort());
    // A VNet's steps, hub-side syncs included, are in its own piece.
    for (const p of pieces) {
      const own = new Set(p.vnets.map((v) => v.vnetId));
      expect(p.steps.every((s) => s.vnetId === undefined || own.has(s.vnetId))).toBe(true);
      expect(p.reservations).toEqual([]);
    }
  });

  it('keeps a later piece’s hub-side syncs waiting only on its own steps, naming the hub they waited for', () => {
    const { pieces } = planPieces(plan, { canarySpokes: 1 }, 10);
    const later = pieces[1]?.steps.filter((s) => isHubSideStep(s, plan.hubVnetId)) ?? [];
    expect(later.length).toBe(10);
    const inPiece = new Set(pieces[1]?.steps.map((s) => s.id));
    for (const s of later) {
      expect(s.dependsOn.every((d) => inPiece.has(d))).toBe(true);
      if (s.outsideVnets) expect(s.outsideVnets).toEqual([plan.hubVnetId]);
    }
    // The first piece's hub split is worked out over every spoke, including the later pieces'.
    expect(pieces[0]?.hubWaitedOn?.length).toBeGreaterThan(0);
    expect(pieces[1]).not.toHaveProperty('hubWaitedOn');
  });
});
