import { summarise } from '../orchestrations/migrateEstate';
import { initialVnetSummaries } from '../orchestrations/initialVnetSummaries';
import { activityServices } from './ActivityServices';
import { planEstate } from './planNetwork';
import { toRunPlan } from './RunPlan';
import type { PlanDigest, StoreRunPlanInput } from './runStoreContract';

/**
 * Observes and plans as planNetwork does, then stores the plan once in the run store
 * and answers with its digest: the run's history never carries the plan itself.
 */
export async function storeRunPlan(input: StoreRunPlanInput): Promise<PlanDigest> {
  const services = activityServices();
  const { runId, rollout, spokesPerExecution, ...planInput } = input;
  const plan = toRunPlan(await planEstate(services, planInput));
  const { ref, manifest } = await services.runs.savePlan(
    runId,
    plan,
    rollout,
    spokesPerExecution,
    initialVnetSummaries(plan),
  );
  return {
    plan: ref,
    summary: summarise(plan),
    hubVnetId: plan.hubVnetId,
    spokes: plan.vnets.filter((v) => v.role === 'spoke').length,
    reservations: plan.reservations.length,
    pieces: manifest.pieces,
  };
}
