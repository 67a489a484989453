import type { ApplyStepInput, ApplyStepResult } from './applyStepContract';
import { activityServices } from './ActivityServices';
import { readMergeWrite } from './readMergeWrite';

/** This side's view of the remote VNet is current; `RemoteNotInSync` is for the other side to fix. */
export function localSideInSync(peering: { properties?: Record<string, unknown> }): boolean {
  const level = peering.properties?.peeringSyncLevel;
  return level === 'FullyInSync' || level === 'RemoteNotInSync';
}

/**
 * Syncs a peering on the side that reads `LocalNotInSync` (the remote VNet's
 * address space grew). A peering whose own view is current needs no write, so
 * repeating this after a crash, or on a second run, writes nothing.
 */
export function syncPeering(input: ApplyStepInput): Promise<ApplyStepResult> {
  return readMergeWrite(
    activityServices(),
    input.step.resourceId,
    (current) =>
      localSideInSync(current)
        ? { write: false }
        : { write: true, body: current, outcome: 'applied', options: { syncRemoteAddressSpace: true } },
    input.critical,
  );
}
