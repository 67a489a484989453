import type { VnetPlan } from '../planner/Plan';
import type { RolloutSettings } from '../orchestrations/migrateEstate';
import { canariesOf } from '../orchestrations/canariesOf';
import { splitAddressSpace } from '../orchestrations/splitAddressSpace';
import type { RunPlan, RunStep } from './RunPlan';
import { isHubSideStep } from './RunPlan';

/** One execution's share of the approved plan: its VNets and their steps, as a plan of its own. */
export interface RunPiece extends RunPlan {
  /** which piece this is (0: the hub, the canaries and the first spokes) */
  piece: number;
  pieces: number;
  /** piece 0: the hub steps any spoke's address space waits for, worked out over every spoke of the run */
  hubWaitedOn?: string[];
}

/** A stored step that waits for steps of earlier pieces: the VNets those belong to. */
export type StoredStep = RunStep & { outsideVnets?: string[] };
export type StoredPiece = Omit<RunPiece, 'steps'> & { steps: StoredStep[] };

/** The approved plan without its steps: what the status, the report and the reservations read. */
export type PlanManifest = Omit<RunPlan, 'steps'> & { pieces: number; steps: number };

export type PieceRollout = Pick<RolloutSettings, 'canarySpokes' | 'canaryVnetIds'>;

/**
 * Cuts the approved plan into the pieces the run's executions migrate, one after the
 * other (continue-as-new): the hub, the canaries and `perExecution` spokes first, then
 * `perExecution` spokes each. Spokes keep their hub-side syncs; a shared route table or
 * NSG goes with the last piece whose spokes it waits for. A step that waits for steps of
 * earlier pieces keeps only its dependencies inside its own piece and names the earlier
 * VNets, which must have finished migrated before it runs.
 */
export function planPieces(
  plan: RunPlan,
  rollout: PieceRollout,
  perExecution: number,
): { manifest: PlanManifest; pieces: StoredPiece[] } {
  const own = new Map<string, RunStep[]>();
  const hubSide = new Map<string, RunStep[]>();
  const shared: RunStep[] = [];
  for (const s of plan.steps) {
    if (s.vnetId === undefined) {
      shared.push(s);
      continue;
    }
    const index = isHubSideStep(s, plan.hubVnetId) ? hubSide : own;
    index.set(s.vnetId, [...(index.get(s.vnetId) ?? []), s]);
  }
  const count = (index: Map<string, RunStep[]>, v: VnetPlan): number => index.get(v.vnetId)?.length ?? 0;
  const spokes = plan.vnets.filter((v) => v.role === 'spoke');
  const migrating = spokes.filter((v) => count(own, v) > 0);
  const canaries = new Set(
    canariesOf(migrating, { maxParallelSpokes: 1, abortAfterFailures: 1, ...rollout }),
  );
  // Spokes with only a hub-side sync, then those with nothing to do, after the ones that migrate.
  const sequence = [
    ...migrating.filter((v) => !canaries.has(v)),
    ...spokes.filter((v) => count(own, v) === 0 && count(hubSide, v) > 0),
    ...spokes.filter((v) => count(own, v) === 0 && count(hubSide, v) === 0),
  ];
  const size = Math.max(1, Math.floor(perExecution));
  const total = Math.max(1, Math.ceil(sequence.length / size));
  const pieceOfVnet = new Map<string, number>();
  for (const v of plan.vnets) if (v.role === 'hub' || canaries.has(v)) pieceOfVnet.set(v.vnetId, 0);
  sequence.forEach((v, i) => pieceOfVnet.set(v.vnetId, Math.floor(i / size)));

  const pieceOfStep = new Map<string, number>();
  const vnetOfStep = new Map<string, string>();
  for (const s of plan.steps) {
    if (s.vnetId === undefined) continue;
    pieceOfStep.set(s.id, pieceOfVnet.get(s.vnetId) ?? 0);
    vnetOfStep.set(s.id, s.vnetId);
  }
  for (const s of shared)
    pieceOfStep.set(s.id, Math.max(0, ...s.dependsOn.map((d) => pieceOfStep.get(d) ?? 0)));

  const hubWaitedOn = new Set<string>();
  for (const v of spokes) {
    const split = splitAddressSpace(own.get(v.vnetId) ?? [], hubSide.get(v.vnetId) ?? []);
    for (const s of split?.addressSpace ?? []) for (const d of s.dependsOn) hubWaitedOn.add(d);
  }

  const pieces: StoredPiece[] = [];
  for (let piece = 0; piece < total; piece++) {
    const steps: StoredStep[] = [];
    for (const s of plan.steps) {
      if (pieceOfStep.get(s.id) !== piece) continue;
      // A VNet's own steps run in its own sub-orchestration, which waits only for its own steps.
      if (s.vnetId !== undefined && !isHubSideStep(s, plan.hubVnetId)) {
        steps.push(s);
        continue;
      }
      const outside = s.dependsOn.filter((d) => (pieceOfStep.get(d) ?? piece) !== piece);
      if (outside.length === 0) {
        steps.push(s);
        continue;
      }
      const outsideVnets = [...new Set(outside.map((d) => vnetOfStep.get(d) ?? plan.hubVnetId))];
      steps.push({ ...s, dependsOn: s.dependsOn.filter((d) => !outside.includes(d)), outsideVnets });
    }
    pieces.push({
      ...plan,
      vnets: plan.vnets.filter((v) => pieceOfVnet.get(v.vnetId) === piece),
      steps,
      // Held before any write, from the manifest; findings are the whole plan's, in the manifest.
      reservations: [],
      warnings: [],
      manualActions: [],
      blockers: [],
      piece,
      pieces: total,
      ...(piece === 0 ? { hubWaitedOn: [...hubWaitedOn] } : {}),
    });
  }
  const { steps: _steps, ...rest } = plan;
  return { manifest: { ...rest, pieces: total, steps: plan.steps.length }, pieces };
}
