import type { ApplyStepInput, ApplyStepResult } from './applyStepContract';
import { activityServices } from './ActivityServices';
import { readMergeWrite } from './readMergeWrite';

/**
 * Syncs a peering on the side that reads `LocalNotInSync` (the remote VNet's
 * address space grew). A peering already `FullyInSync` needs no write, so
 * repeating this after a crash, or on a second run, writes nothing.
 */
export function syncPeering(input: ApplyStepInput): Promise<ApplyStepResult> {
  return readMergeWrite(activityServices(), input.step.resourceId, (current) =>
    current.properties?.peeringSyncLevel === 'FullyInSync'
      ? { write: false }
      : { write: true, body: current, outcome: 'applied', options: { syncRemoteAddressSpace: true } },
  );
}
