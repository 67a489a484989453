import type { VnetPlan } from '../planner/Plan';
import type { RunStep } from './RunPlan';
import type { ActivityRef } from '../orchestrations/durableTasks';

export interface VerifyVnetInput {
  vnet: VnetPlan;
  steps: RunStep[];
}

export interface VerifyVnetResult {
  ok: boolean;
  /** one line per IPv6 element the plan promised and the network doesn't have, or IPv4 field that moved */
  problems: string[];
}

export const verifyVnetRef: ActivityRef<VerifyVnetInput, VerifyVnetResult> = { name: 'verifyVnet' };
