import { DualstackError } from '../azure/DualstackError';
import { getResource } from '../azure/getResource';
import type { ChangeRow } from '../monitor/ChangeRow';
import { activityServices } from './ActivityServices';
import type { ReleaseReservationInput, ReleaseReservationResult } from './releaseReservationContract';

async function exists(vnetId: string): Promise<boolean> {
  try {
    await getResource(activityServices().clients, vnetId);
    return true;
  } catch (error) {
    if (error instanceof DualstackError && error.status === 404) return false;
    throw error;
  }
}

/**
 * Level-triggered release: only a VNet that is really gone gives its /56 back (a delete event followed by
 * a re-create keeps it). The release is recorded as a remediation row, also when nothing was held, so the
 * record shows that the delete was seen.
 */
export async function releaseReservation(input: ReleaseReservationInput): Promise<ReleaseReservationResult> {
  if (await exists(input.vnetId)) return { deleted: false, released: [], report: { sent: 0, lost: 0 } };
  const { reservations, reporting } = activityServices();
  const released = await reservations.release(input.vnetId);
  const row: ChangeRow = {
    TimeGenerated: new Date().toISOString(),
    RunId: input.runId,
    RunKind: 'remediation',
    RowType: 'step',
    SpokeVnetId: input.vnetId,
    VnetId: input.vnetId,
    ResourceId: input.vnetId,
    ResourceKind: 'virtualNetwork',
    Action: 'releasePrefix',
    Outcome: released.length > 0 ? 'released' : 'unchanged',
    Ipv6Prefix: released[0] ?? '',
    Ipv6Prefixes: released,
    Message:
      released.length > 0 ? `deleted VNet gave back ${released.join(', ')}` : 'deleted VNet held no prefix',
  };
  return { deleted: true, released, report: await reporting.report([row]) };
}
