import { listNetwork } from '../azure/listNetwork';
import { parseConfig } from '../planner/config/parseConfig';
import type { Plan } from '../planner/Plan';
import { planDualStack } from '../planner/planDualStack';
import { planRollback } from '../planner/rollback/planRollback';
import type { ActivityServices } from './ActivityServices';
import { activityServices } from './ActivityServices';
import type { PlanNetworkInput } from './planNetworkContract';
import type { RunPlan } from './RunPlan';
import { toRunPlan } from './RunPlan';

/**
 * Observe, then plan: one paged list per resource type and subscription, the
 * reservations already held, and the pure planner. Shared by the activity and by
 * `POST /api/plans`, so what a reviewer sees is what a run does.
 */
export async function planEstate(services: ActivityServices, input: PlanNetworkInput): Promise<Plan> {
  const config = parseConfig(input.config);
  const [observed, reservations] = await Promise.all([
    listNetwork(services.clients, config.scope.subscriptions, config.scope.resourceGroups),
    services.reservations.list(),
  ]);
  const held = reservations.map((r) => ({ vnetId: r.vnetId, prefix: r.prefix }));
  if (input.rollback) return planRollback(observed, config, held, input.rollback);
  return planDualStack(observed, config, held, input.onlyVnetIds ? { onlyVnetIds: input.onlyVnetIds } : {});
}

export async function planNetwork(input: PlanNetworkInput): Promise<RunPlan> {
  return toRunPlan(await planEstate(activityServices(), input));
}
