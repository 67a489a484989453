import type { RunPlan } from './RunPlan';
import type { ActivityRef } from '../orchestrations/durableTasks';

export interface PlanNetworkInput {
  /** the planner configuration as JSON; the activity validates it with the planner's schema */
  config: unknown;
  /** plan only these VNets (plus the hub side they need); all spokes when absent */
  onlyVnetIds?: string[];
  /** plan a rollback instead: take Dualstack's IPv6 back out of these VNets (all it holds reservations for when absent) */
  rollback?: { vnetIds?: string[]; tagValue: string };
}

export const planNetworkRef: ActivityRef<PlanNetworkInput, RunPlan> = { name: 'planNetwork' };
