import { sameJson } from '../arm/sameJson';
import { getResource } from '../azure/getResource';
import { applyIpv6Additions } from '../planner/applyIpv6Additions';
import { runLimited } from '../azure/runLimited';
import { activityServices } from './ActivityServices';
import type { RunStep } from './RunPlan';
import { resolveAaaaAdditions } from './resolveAaaaAdditions';
import { localSideInSync } from './syncPeering';
import type { VerifyVnetInput, VerifyVnetResult } from './verifyVnetContract';

export const VERIFY_READS_AT_ONCE = 4;

/**
 * Reads back every resource the VNet's steps touched and checks that each IPv6
 * element the plan promised is there: a resource that still gains something from
 * its additions is missing it. Peerings must be back in sync. IPv4 is checked
 * before each write (applyStep), not here, so a human's later IPv4 change is not
 * mistaken for ours.
 */
export async function verifyVnet(input: VerifyVnetInput): Promise<VerifyVnetResult> {
  const { clients } = activityServices();
  const found: (string | undefined)[] = [];
  const check = async (step: RunStep, at: number): Promise<void> => {
    const fresh = await getResource(clients, step.resourceId);
    if (step.kind === 'peeringSync') {
      // The remote side is synced by its own step (the hub's, in the hub lane).
      if (!localSideInSync(fresh)) {
        const level = String(fresh.properties?.peeringSyncLevel);
        found[at] = `${step.resourceId}: peering is ${level}: its view of the remote VNet is stale`;
      }
      return;
    }
    const additions =
      step.kind === 'privateDnsRecordSet'
        ? await resolveAaaaAdditions(clients, step.additions)
        : step.additions;
    if (!sameJson(applyIpv6Additions(fresh, additions), fresh)) {
      found[at] = `${step.resourceId}: missing IPv6 changes of step ${step.id} (${step.summary})`;
    }
  };
  // A few reads at once: a spoke's read-back is a dozen GETs, and in sequence they were a
  // second of the spoke's time in Azure; more at once would only spend the read budget faster.
  await runLimited(
    input.steps.map((step, at) => () => check(step, at)),
    VERIFY_READS_AT_ONCE,
  );
  // Problems in step order, whatever order the reads came back in.
  const problems = found.filter((p): p is string => p !== undefined);
  return { ok: problems.length === 0, problems };
}
