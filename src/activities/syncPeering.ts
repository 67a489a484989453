import { getResource } from '../azure/getResource';
import { putResource } from '../azure/putResource';
import type { ApplyStepInput, ApplyStepResult } from './applyStepContract';
import { activityServices } from './ActivityServices';

/**
 * Syncs a peering on the side that reads `LocalNotInSync` (the remote VNet's address
 * space grew). A peering already `FullyInSync` needs no write, so repeating this after
 * a crash, or on a second run, writes nothing.
 */
export async function syncPeering(input: ApplyStepInput): Promise<ApplyStepResult> {
  const services = activityServices();
  const start = Date.now();
  const current = await getResource(services.clients, input.step.resourceId);
  if (current.properties?.peeringSyncLevel === 'FullyInSync') {
    return {
      outcome: 'unchanged',
      durationMs: Date.now() - start,
      ...(current.etag ? { etag: current.etag } : {}),
    };
  }
  const written = await putResource(services.clients, current, {
    syncRemoteAddressSpace: true,
    ...(current.etag ? { ifMatch: current.etag } : {}),
    ...(services.updateIntervalInMs !== undefined ? { updateIntervalInMs: services.updateIntervalInMs } : {}),
  });
  return {
    outcome: 'applied',
    durationMs: Date.now() - start,
    ...(written.etag ? { etag: written.etag } : {}),
  };
}
