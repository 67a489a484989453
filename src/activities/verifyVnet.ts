import { sameJson } from '../arm/sameJson';
import { getResource } from '../azure/getResource';
import { applyIpv6Additions } from '../planner/applyIpv6Additions';
import { activityServices } from './ActivityServices';
import { localSideInSync } from './syncPeering';
import type { VerifyVnetInput, VerifyVnetResult } from './verifyVnetContract';

/**
 * Reads back every resource the VNet's steps touched and checks that each IPv6
 * element the plan promised is there: a resource that still gains something from
 * its additions is missing it. Peerings must be back in sync. IPv4 is checked
 * before each write (applyStep), not here, so a human's later IPv4 change is not
 * mistaken for ours.
 */
export async function verifyVnet(input: VerifyVnetInput): Promise<VerifyVnetResult> {
  const { clients } = activityServices();
  const problems: string[] = [];
  for (const step of input.steps) {
    const fresh = await getResource(clients, step.resourceId);
    if (step.kind === 'peeringSync') {
      // The remote side is synced by its own step (the hub's, in the hub lane).
      if (!localSideInSync(fresh)) {
        const level = String(fresh.properties?.peeringSyncLevel);
        problems.push(`${step.resourceId}: peering is ${level}: its view of the remote VNet is stale`);
      }
      continue;
    }
    if (!sameJson(applyIpv6Additions(fresh, step.additions), fresh)) {
      problems.push(`${step.resourceId}: missing IPv6 changes of step ${step.id} (${step.summary})`);
    }
  }
  return { ok: problems.length === 0, problems };
}
