import type { IpamPoolState } from '../ipam/IpamPoolState';
import { staticCidrName } from '../ipam/staticCidrName';
import { props, strs } from '../json';
import { samePrefix } from '../prefixes';
import type { RollbackContext } from './RollbackContext';
import { addRemovalStep } from './RollbackContext';

/**
 * VNet key -> the block Dualstack's static CIDR holds for it: with an IPAM pool these allocations,
 * not the Table ledger, are the record of what Dualstack gave each VNet.
 */
export function ipamReservations(
  ctx: Pick<RollbackContext, 'index'>,
  state: IpamPoolState,
): Map<string, string> {
  const byName = new Map(state.staticCidrs.map((s) => [(s.name ?? '').toLowerCase(), s]));
  const out = new Map<string, string>();
  for (const vnet of ctx.index.vnets.values()) {
    const held = byName.get(staticCidrName(vnet.resource.id).toLowerCase());
    const prefix = held ? strs(props(held).addressPrefixes)[0] : undefined;
    if (prefix !== undefined) out.set(vnet.key, prefix);
  }
  return out;
}

/**
 * Gives each rolled-back VNet's block back to the pool: its static CIDR is deleted once the VNet PUT
 * that takes the block out has landed (ARM would otherwise let the pool hand out a block still in
 * use). A VNet asked for that no longer carries its block (an earlier rollback stopped after its
 * VNet step) gets the deletion alone.
 */
export function addIpamRemovals(ctx: RollbackContext, state: IpamPoolState): void {
  const byName = new Map(state.staticCidrs.map((s) => [(s.name ?? '').toLowerCase(), s]));
  const add = (vnetId: string, dependsOn: string | undefined): void => {
    const held = byName.get(staticCidrName(vnetId).toLowerCase());
    if (!held) return;
    addRemovalStep(ctx, {
      kind: 'ipamStaticCidr',
      resource: held,
      removals: [{ op: 'deleteResource' }],
      dependsOn: [dependsOn],
      vnetIds: [vnetId],
      ipv6Prefixes: strs(props(held).addressPrefixes),
      summary: `IPAM static CIDR ${held.name ?? ''}: delete (gives ${strs(props(held).addressPrefixes).join(', ')} back to the pool)`,
    });
  };
  for (const r of ctx.rollbacks) add(r.vnet.resource.id, ctx.vnetSteps.get(r.vnet.key));
  for (const vnet of ctx.unowned) {
    const block = ctx.reserved.get(vnet.key);
    if (block !== undefined && !vnet.ipv6.some((p) => samePrefix(p, block))) add(vnet.resource.id, undefined);
  }
}
