import type { ArmResource } from '../arm/ArmResource';
import { DualstackError } from '../azure/DualstackError';
import { deleteResource } from '../azure/deleteResource';
import { getResource } from '../azure/getResource';
import { staticCidrName } from '../planner/ipam/staticCidrName';
import type { ChangeRow } from '../monitor/ChangeRow';
import { samePrefix } from '../planner/prefixes';
import { activityServices } from './ActivityServices';
import type { ReleaseReservationInput, ReleaseReservationResult } from './releaseReservationContract';

async function read(vnetId: string): Promise<ArmResource | undefined> {
  try {
    return await getResource(activityServices().clients, vnetId);
  } catch (error) {
    if (error instanceof DualstackError && error.status === 404) return undefined;
    throw error;
  }
}

/** A deleted VNet's static CIDR goes back to the pool: the allocation Dualstack named after it, if there is one. */
async function releaseStaticCidr(poolId: string, vnetId: string): Promise<string[]> {
  const { clients } = activityServices();
  const id = `${poolId}/staticCidrs/${staticCidrName(vnetId)}`;
  let held: ArmResource;
  try {
    held = await getResource(clients, id);
  } catch (error) {
    if (error instanceof DualstackError && error.status === 404) return [];
    throw error;
  }
  await deleteResource(clients, id);
  const prefixes = (held.properties as { addressPrefixes?: unknown } | undefined)?.addressPrefixes;
  return Array.isArray(prefixes) ? prefixes.filter((p): p is string => typeof p === 'string') : [];
}

function carries(vnet: ArmResource, prefix: string): boolean {
  const space = (vnet.properties?.addressSpace as { addressPrefixes?: unknown } | undefined)?.addressPrefixes;
  return Array.isArray(space) && space.some((p) => typeof p === 'string' && samePrefix(p, prefix));
}

/**
 * Level-triggered release: a /56 is given back only when the VNet is really gone (a delete event
 * followed by a re-create keeps it) or, after a rollback, really no longer carries it. The release
 * is recorded as a row, also when nothing was held, so the record shows what was seen.
 */
export async function releaseReservation(input: ReleaseReservationInput): Promise<ReleaseReservationResult> {
  const vnet = await read(input.vnetId);
  const rollback = input.rolledBackPrefix;
  const free = vnet === undefined || (rollback !== undefined && !carries(vnet, rollback));
  if (!free) return { deleted: false, released: [], report: { sent: 0, lost: 0 } };
  const { reservations, reporting } = activityServices();
  const released =
    input.ipamPoolId !== undefined && vnet === undefined
      ? await releaseStaticCidr(input.ipamPoolId, input.vnetId)
      : await reservations.release(input.vnetId);
  const why = vnet === undefined ? 'deleted VNet' : 'rolled-back VNet';
  const row: ChangeRow = {
    TimeGenerated: new Date().toISOString(),
    RunId: input.runId,
    RunKind: rollback !== undefined ? 'rollback' : 'remediation',
    RowType: 'step',
    SpokeVnetId: input.vnetId,
    VnetId: input.vnetId,
    ResourceId: input.vnetId,
    ResourceKind: 'virtualNetwork',
    Action: 'releasePrefix',
    Outcome: released.length > 0 ? 'released' : 'unchanged',
    Ipv6Prefix: released[0] ?? '',
    Ipv6Prefixes: released,
    Message: released.length > 0 ? `${why} gave back ${released.join(', ')}` : `${why} held no prefix`,
  };
  return { deleted: vnet === undefined, released, report: await reporting.report([row]) };
}
