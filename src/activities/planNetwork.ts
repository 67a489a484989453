import { listNetwork } from '../azure/listNetwork';
import { readIpamPool } from '../azure/readIpamPool';
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
  const poolId = config.ipamPoolId;
  // With an IPAM pool its static CIDRs are the record of what each VNet holds: the ledger is not read.
  const [observed, reservations, ipam] = await Promise.all([
    listNetwork(services.clients, config.scope.subscriptions, config.scope.resourceGroups),
    poolId === undefined ? services.reservations.list() : [],
    poolId === undefined ? undefined : readIpamPool(services.clients, poolId),
  ]);
  const held = reservations.map((r) => ({ vnetId: r.vnetId, prefix: r.prefix }));
  const withIpam = ipam ? { ipam } : {};
  if (input.rollback) return planRollback(observed, config, held, { ...input.rollback, ...withIpam });
  return planDualStack(observed, config, held, {
    ...(input.onlyVnetIds ? { onlyVnetIds: input.onlyVnetIds } : {}),
    ...withIpam,
  });
}

export async function planNetwork(input: PlanNetworkInput): Promise<RunPlan> {
  return toRunPlan(await planEstate(activityServices(), input));
}
