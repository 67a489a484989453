import { keyOf } from '../ids';
import { props, refId } from '../json';
import { isIpv6PublicIp } from '../steps/publicIpSteps';
import type { RollbackContext } from './RollbackContext';
import { addRemovalStep } from './RollbackContext';

/**
 * Ownership of a public IP: Dualstack created `<ipv4 public IP id>-ipv6`, an IPv6 one, for the user
 * (frontend or ip configuration) whose IPv4 sibling uses `<ipv4 public IP id>`.
 */
export function createdPublicIp(
  ctx: RollbackContext,
  ipv6User: unknown,
  ipv4User: unknown,
): string | undefined {
  const ipv6Id = refId(props(ipv6User).publicIPAddress);
  const ipv4Id = refId(props(ipv4User).publicIPAddress);
  if (!ipv6Id || !ipv4Id || keyOf(ipv6Id) !== `${keyOf(ipv4Id)}-ipv6`) return undefined;
  const publicIp = ctx.index.publicIpAddresses.get(keyOf(ipv6Id));
  return publicIp && isIpv6PublicIp(publicIp) ? publicIp.id : undefined;
}

/** Deletes a public IP Dualstack created, after the step that detaches it (ARM refuses it while attached). */
export function addPublicIpRemoval(
  ctx: RollbackContext,
  publicIpId: string,
  detachStepId: string,
  vnetIds: string[],
): void {
  const resource = ctx.index.publicIpAddresses.get(keyOf(publicIpId));
  if (!resource) return;
  addRemovalStep(ctx, {
    kind: 'publicIPAddress',
    resource,
    removals: [{ op: 'deleteResource' }],
    dependsOn: [detachStepId],
    vnetIds,
    ipv6Prefixes: [],
    summary: `public IP ${resource.name}: delete (Dualstack created it)`,
  });
}
