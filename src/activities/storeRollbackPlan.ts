import { summarise } from '../orchestrations/migrateEstate';
import { stepGroupWaves, stepsByOwner } from '../orchestrations/dependencyWaves';
import { activityServices } from './ActivityServices';
import { planEstate } from './planNetwork';
import { toRunPlan } from './RunPlan';
import type { RollbackDigest, StoreRollbackPlanInput } from './rollbackStoreContract';

/**
 * Plans a rollback as planNetwork does, cuts it into waves of step groups (stepGroupWaves), stores
 * the groups once in the run store and answers with the digest: the rollback's history carries
 * where the steps are, never the steps.
 */
export async function storeRollbackPlan(input: StoreRollbackPlanInput): Promise<RollbackDigest> {
  const services = activityServices();
  const { runId, groupSize, ...planInput } = input;
  const plan = toRunPlan(await planEstate(services, planInput));
  const groups = stepGroupWaves(plan.steps, groupSize);
  const ref = await services.runs.saveGroups(runId, plan, groups);
  const owned = stepsByOwner(plan.steps);
  return {
    plan: ref,
    summary: summarise(plan),
    hubVnetId: plan.hubVnetId,
    blockers: plan.blockers.length,
    steps: plan.steps.length,
    waves: groups.map((wave) => wave.length),
    vnets: plan.vnets.map((v) => ({
      vnetId: v.vnetId,
      role: v.role,
      steps: owned.get(v.vnetId.toLowerCase())?.length ?? 0,
      ...(v.ipv6Prefix ? { ipv6Prefix: v.ipv6Prefix } : {}),
      ...(v.blocked ? { blocked: v.blocked } : {}),
    })),
  };
}
