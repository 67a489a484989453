import { activityServices } from './ActivityServices';
import type { RecordRunVnetsInput } from './runStoreContract';

/** Records VNets' outcomes in the run store (idempotent: the same record again). */
export async function recordRunVnets(input: RecordRunVnetsInput): Promise<void> {
  await activityServices().runs.recordVnets(input.runId, input.vnets);
}
