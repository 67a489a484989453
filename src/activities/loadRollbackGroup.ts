import { activityServices } from './ActivityServices';
import type { RunStep } from './RunPlan';
import type { LoadRollbackGroupInput } from './rollbackStoreContract';

/** One step group of a stored rollback plan. */
export function loadRollbackGroup(input: LoadRollbackGroupInput): Promise<RunStep[]> {
  return activityServices().runs.group(input.plan, input.wave, input.group);
}
