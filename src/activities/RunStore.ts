import { createHash } from 'node:crypto';
import type { DocumentTable } from '../azure/DocumentTable';
import type { MigrationResult, VnetSummary } from '../orchestrations/migrateEstate';
import type { PlanManifest, PieceRollout, StoredPiece } from './planPieces';
import { planPieces } from './planPieces';
import type { RunPlan, RunStep } from './RunPlan';

/** Where a run's approved plan is stored: the run and the plan's content hash. */
export interface PlanRef {
  runId: string;
  hash: string;
}

export const DEFAULT_RUNS_TABLE = 'DualstackRuns';

const planPartition = (ref: PlanRef): string => `plan~${ref.runId}~${ref.hash}`;
const runPartition = (runId: string): string => `run~${runId}`;
const pieceName = (piece: number): string => `piece~${String(piece).padStart(5, '0')}`;
const groupName = (wave: number, group: number): string =>
  `group~${String(wave).padStart(5, '0')}~${String(group).padStart(5, '0')}`;
const vnetName = (vnetId: string): string =>
  `vnet~${createHash('sha256').update(vnetId.toLowerCase()).digest('hex').slice(0, 32)}`;

/** The plan's content hash, step by step: at 1,000 spokes its JSON in one string is tens of MB. */
function planHash(plan: RunPlan): string {
  const hash = createHash('sha256').update(JSON.stringify({ ...plan, steps: plan.steps.length }));
  for (const step of plan.steps) hash.update(JSON.stringify(step));
  return hash.digest('hex').slice(0, 16);
}

/**
 * What a run keeps outside its orchestration history: the approved plan, stored once
 * (its manifest, and the piece each execution migrates), and each VNet's outcome as
 * its piece finishes. Histories carry a PlanRef instead of the plan, so none grows with
 * the estate; the status endpoint, the report and rollback read the VNets from here.
 */
export class RunStore {
  constructor(private readonly documents: DocumentTable) {}

  ensureTable(): Promise<void> {
    return this.documents.ensureTable();
  }

  /** Stores the plan cut into pieces and every VNet as it starts (pending or noChanges). Idempotent. */
  async savePlan(
    runId: string,
    plan: RunPlan,
    rollout: PieceRollout,
    perExecution: number,
    vnets: VnetSummary[],
  ): Promise<{ ref: PlanRef; manifest: PlanManifest }> {
    const ref = { runId, hash: planHash(plan) };
    const { manifest, pieces } = planPieces(plan, rollout, perExecution);
    await this.documents.put(planPartition(ref), [
      { name: 'manifest', value: manifest },
      ...pieces.map((value, i) => ({ name: pieceName(i), value })),
    ]);
    await this.recordVnets(runId, vnets);
    return { ref, manifest };
  }

  /**
   * Stores a plan that runs in dependency waves (a rollback) as its step groups, one document
   * each: `groups[wave][group]`. Idempotent. The plan's VNets travel in the digest instead.
   */
  async saveGroups(runId: string, plan: RunPlan, groups: RunStep[][][]): Promise<PlanRef> {
    const ref = { runId, hash: planHash(plan) };
    await this.documents.put(
      planPartition(ref),
      groups.flatMap((wave, w) => wave.map((steps, g) => ({ name: groupName(w, g), value: steps }))),
    );
    return ref;
  }

  async group(ref: PlanRef, wave: number, group: number): Promise<RunStep[]> {
    const name = groupName(wave, group);
    return this.#required(await this.documents.get<RunStep[]>(planPartition(ref), name), ref, name);
  }

  async manifest(ref: PlanRef): Promise<PlanManifest> {
    return this.#required(
      await this.documents.get<PlanManifest>(planPartition(ref), 'manifest'),
      ref,
      'manifest',
    );
  }

  async piece(ref: PlanRef, piece: number): Promise<StoredPiece> {
    const name = pieceName(piece);
    return this.#required(await this.documents.get<StoredPiece>(planPartition(ref), name), ref, name);
  }

  /** Records (or updates) these VNets' outcomes for the run. */
  recordVnets(runId: string, vnets: VnetSummary[]): Promise<void> {
    return this.documents.put(
      runPartition(runId),
      vnets.map((value) => ({ name: vnetName(value.vnetId), value })),
    );
  }

  /** Every VNet of a finished run: from its result, or from here when the result lists only its last piece's. */
  async vnetsOf(result: MigrationResult): Promise<VnetSummary[]> {
    return result.vnetsStored ? this.recordedVnets(result.runId) : result.vnets;
  }

  /** Every VNet of the run as last recorded; none for a run that stored nothing (a rollback). */
  recordedVnets(runId: string): Promise<VnetSummary[]> {
    return this.documents.list<VnetSummary>(runPartition(runId), 'vnet~');
  }

  #required<T>(found: T | undefined, ref: PlanRef, name: string): T {
    if (found === undefined)
      throw new Error(`plan ${ref.hash} of run ${ref.runId}: no ${name} in the run store (was it deleted?)`);
    return found;
  }
}
