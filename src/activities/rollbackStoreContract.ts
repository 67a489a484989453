import type { ActivityRef } from '../orchestrations/durableTasks';
import type { PlanSummary } from '../orchestrations/migrateEstate';
import type { VnetPlan } from '../planner/Plan';
import type { PlanNetworkInput } from './planNetworkContract';
import type { RunStep } from './RunPlan';
import type { PlanRef } from './RunStore';

export interface StoreRollbackPlanInput extends PlanNetworkInput {
  runId: string;
  /** steps per step group (each group is one sub-orchestration) */
  groupSize: number;
}

/** A VNet of the rollback plan, without its steps. */
export type RollbackVnet = Pick<VnetPlan, 'vnetId' | 'role' | 'ipv6Prefix' | 'blocked'> & { steps: number };

/** What a rollback's history carries of its plan: where its step groups are, and what it adds up to. */
export interface RollbackDigest {
  plan: PlanRef;
  summary: PlanSummary;
  hubVnetId: string;
  blockers: number;
  steps: number;
  /** how many step groups each dependency wave has, in wave order */
  waves: number[];
  vnets: RollbackVnet[];
}

export interface LoadRollbackGroupInput {
  plan: PlanRef;
  wave: number;
  group: number;
}

/** Plans the rollback, stores its step groups once (see RunStore) and answers with its digest. */
export const storeRollbackPlanRef: ActivityRef<StoreRollbackPlanInput, RollbackDigest> = {
  name: 'storeRollbackPlan',
};
/** One step group of a stored rollback plan. */
export const loadRollbackGroupRef: ActivityRef<LoadRollbackGroupInput, RunStep[]> = {
  name: 'loadRollbackGroup',
};
