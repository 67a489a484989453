import type { ActivityRef } from '../orchestrations/durableTasks';
import type { PlanSummary, VnetSummary } from '../orchestrations/migrateEstate';
import type { PlanNetworkInput } from './planNetworkContract';
import type { PieceRollout, RunPiece } from './planPieces';
import type { PlanRef } from './RunStore';

export type { PlanRef } from './RunStore';
export type { RunPiece } from './planPieces';

export interface StoreRunPlanInput extends PlanNetworkInput {
  runId: string;
  /** which spokes go first (they go in the first piece) */
  rollout: PieceRollout;
  /** spokes each execution after the first migrates */
  spokesPerExecution: number;
}

/** What a run's history carries of its plan: where it is and what it adds up to. */
export interface PlanDigest {
  plan: PlanRef;
  summary: PlanSummary;
  hubVnetId: string;
  spokes: number;
  /** /56s to hold before any write (read from the store by reservePrefixes) */
  reservations: number;
  /** executions the run takes, one piece each */
  pieces: number;
}

export interface LoadRunPieceInput {
  plan: PlanRef;
  piece: number;
}

export interface RecordRunVnetsInput {
  runId: string;
  vnets: VnetSummary[];
}

/** Plans, stores the plan once (see RunStore) and answers with its digest. */
export const storeRunPlanRef: ActivityRef<StoreRunPlanInput, PlanDigest> = { name: 'storeRunPlan' };
/** One execution's piece of the stored plan; steps waiting on earlier VNets that did not migrate are left out. */
export const loadRunPieceRef: ActivityRef<LoadRunPieceInput, RunPiece> = { name: 'loadRunPiece' };
/** Records VNets' outcomes where the status endpoint, the report and rollback read them. */
export const recordRunVnetsRef: ActivityRef<RecordRunVnetsInput, void> = { name: 'recordRunVnets' };
