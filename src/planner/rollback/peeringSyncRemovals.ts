import { samePrefix } from '../prefixes';
import type { ArmResource } from '../../arm/ArmResource';
import { obj, props, str, strs } from '../json';
import type { PeeringInfo, VnetInfo } from '../discovery/EstateIndex';
import type { Ipv6Removal } from '../Plan';
import type { RollbackContext } from './RollbackContext';
import { addRemovalStep } from './RollbackContext';

const REMOTE_SPACE = ['properties', 'remoteAddressSpace', 'addressPrefixes'];
const REMOTE_VNET_SPACE = ['properties', 'remoteVirtualNetworkAddressSpace', 'addressPrefixes'];

/** A peering that still shows the block its remote VNet loses. */
export interface StalePeering {
  /** the VNet holding the peering */
  holder: VnetInfo;
  peering: PeeringInfo;
  /** the VNet that loses `block` */
  remote: VnetInfo;
  block: string;
}

/**
 * Each peering whose remote lost (or is losing) its block is synced once, after both sides' VNet
 * writes. Also for a VNet that lost it in an earlier, interrupted rollback: its peers still show it.
 * Peerings `leftAlone` claims (AVNM's: a direct sync would be overwritten) get no step and are returned.
 */
export function addPeeringSyncRemovals(
  ctx: RollbackContext,
  leftAlone: (stale: StalePeering) => boolean = () => false,
): StalePeering[] {
  const left: StalePeering[] = [];
  const syncFor = [
    ...ctx.rollbacks.map((r) => ({ vnet: r.vnet, block: r.block })),
    ...ctx.unowned.flatMap((vnet) => {
      const block = ctx.reserved.get(vnet.key);
      return block && !ctx.blocked.has(vnet.key) ? [{ vnet, block }] : [];
    }),
  ];
  for (const { vnet, block } of syncFor) {
    for (const local of vnet.peerings) {
      const remote = local.remoteKey ? ctx.index.vnets.get(local.remoteKey) : undefined;
      if (!remote) continue;
      for (const p of remote.peerings) {
        if (p.remoteKey !== vnet.key) continue;
        const known = strs(obj(props(p.body).remoteAddressSpace)?.addressPrefixes);
        const stale =
          known.some((x) => samePrefix(x, block)) || (known.length === 0 && ctx.vnetSteps.has(vnet.key));
        if (!stale) continue;
        const found = { holder: remote, peering: p, remote: vnet, block };
        if (leftAlone(found)) {
          left.push(found);
          continue;
        }
        const removals: Ipv6Removal[] = [{ op: 'removeFromArray', path: REMOTE_SPACE, value: block }];
        if (obj(props(p.body).remoteVirtualNetworkAddressSpace))
          removals.push({ op: 'removeFromArray', path: REMOTE_VNET_SPACE, value: block });
        const resource = {
          ...p.body,
          id: p.id,
          name: p.name,
          type: str(p.body.type) ?? 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings',
        } as unknown as ArmResource;
        // Run as a write on the VNet holding the peering: runSteps keeps writes on one VNet apart.
        addRemovalStep(ctx, {
          kind: 'peeringSync',
          resource,
          removals,
          dependsOn: [ctx.vnetSteps.get(vnet.key), ctx.vnetSteps.get(remote.key)],
          vnetIds: [remote.resource.id],
          ipv6Prefixes: [block],
          summary: `sync peering ${remote.resource.name}/${p.name}: remote ${vnet.resource.name} no longer has ${block}`,
        });
      }
    }
  }
  return left;
}
