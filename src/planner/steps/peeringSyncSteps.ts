import type { ArmResource } from '../../arm/ArmResource';
import type { Ipv6Addition } from '../Plan';
import type { PlanContext } from '../PlanContext';
import { addStep, vnetStepId } from '../PlanContext';
import type { PeeringInfo, VnetInfo } from '../discovery/EstateIndex';
import { obj, props, strs } from '../json';
import { canonicalPrefix } from '../prefixes';

/** Where a peering keeps its remote's prefixes; one list for every addition (plans are immutable). */
const REMOTE_SPACE = ['properties', 'remoteAddressSpace', 'addressPrefixes'];
const REMOTE_VNET_SPACE = ['properties', 'remoteVirtualNetworkAddressSpace', 'addressPrefixes'];

/** The IPv6 blocks a VNet has after the plan, and whether the plan adds one. */
export function finalIpv6(ctx: PlanContext, vnet: VnetInfo): { prefixes: string[]; grows: boolean } {
  const block = ctx.vnetPrefixes.get(vnet.key);
  const grows =
    block !== undefined && !block.existing && !ctx.blocked.has(vnet.key) && ctx.inPlay.has(vnet.key);
  return { prefixes: grows && block ? [...vnet.ipv6, block.prefix] : vnet.ipv6, grows };
}

/** Missing remote IPv6 prefixes on a peering, or undefined when it needs no sync. */
function missingOn(
  peering: PeeringInfo,
  remote: { prefixes: string[]; grows: boolean },
): string[] | undefined {
  const space = obj(props(peering.body).remoteAddressSpace);
  // Only IPv6 text (with ':') can match the IPv6 prefixes looked for.
  const known = new Set(
    strs(space?.addressPrefixes)
      .filter((p) => p.includes(':'))
      .map(canonicalPrefix),
  );
  const missing =
    known.size === 0
      ? remote.prefixes.slice()
      : remote.prefixes.filter((p) => !known.has(canonicalPrefix(p)));
  if (missing.length === 0) return undefined;
  // Without a remoteAddressSpace we can only tell from the plan itself.
  if (!space && !remote.grows) return undefined;
  return missing;
}

function addSync(
  ctx: PlanContext,
  owner: VnetInfo,
  local: VnetInfo,
  peering: PeeringInfo,
  remote: VnetInfo,
  missing: string[],
): void {
  const additions: Ipv6Addition[] = missing.map((value) => ({
    op: 'appendToArray',
    path: REMOTE_SPACE,
    value,
  }));
  if (obj(props(peering.body).remoteVirtualNetworkAddressSpace))
    for (const value of missing) additions.push({ op: 'appendToArray', path: REMOTE_VNET_SPACE, value });
  const body = peering.body;
  // A peering as ARM lists it already carries its id, name and type: the body is the resource.
  const complete =
    typeof body.id === 'string' && typeof body.name === 'string' && typeof body.type === 'string';
  const resource = (complete
    ? body
    : {
        ...body,
        id: peering.id,
        name: peering.name,
        type:
          typeof body.type === 'string'
            ? body.type
            : 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings',
      }) as unknown as ArmResource;
  addStep(ctx, {
    kind: 'peeringSync',
    resource,
    additions,
    dependsOn: [vnetStepId(ctx, remote.key), vnetStepId(ctx, local.key)],
    vnetKeys: [owner.key, ctx.hub.key],
    ownerKey: owner.key,
    ipv6Prefixes: missing,
    summary: `sync peering ${local.resource.name}/${peering.name}: remote ${remote.resource.name} now has ${missing.join(', ')}`,
  });
}

/**
 * A peering whose remote address space changed is synced on the remote side: the hub's
 * peering to each spoke that gains IPv6, and every spoke's peering to the hub once the hub
 * does. Both run in the spoke's migration, after both VNet steps.
 */
export function addPeeringSyncSteps(
  ctx: PlanContext,
  spoke: VnetInfo,
  hubPeerings: Map<string, PeeringInfo[]>,
  /** peerings Azure Virtual Network Manager owns: it syncs them when it deploys, Dualstack doesn't PUT them */
  ownedElsewhere: (peering: PeeringInfo) => boolean = () => false,
): void {
  const spokeFinal = finalIpv6(ctx, spoke);
  const hubFinal = finalIpv6(ctx, ctx.hub);
  for (const p of hubPeerings.get(spoke.key) ?? []) {
    const missing = missingOn(p, spokeFinal);
    if (missing && !ownedElsewhere(p)) addSync(ctx, spoke, ctx.hub, p, spoke, missing);
  }
  for (const p of spoke.peerings) {
    if (p.remoteKey !== ctx.hub.key) continue;
    const missing = missingOn(p, hubFinal);
    if (missing && !ownedElsewhere(p)) addSync(ctx, spoke, spoke, p, ctx.hub, missing);
  }
}

/** The hub's peerings by remote VNet key, so each spoke finds its own in O(1). */
export function peeringsByRemote(vnet: VnetInfo): Map<string, PeeringInfo[]> {
  const map = new Map<string, PeeringInfo[]>();
  for (const p of vnet.peerings) if (p.remoteKey) map.set(p.remoteKey, [...(map.get(p.remoteKey) ?? []), p]);
  return map;
}

/** Peered VNets the plan leaves alone still need a sync after the hub changes: say so. */
export function warnUnsyncedPeers(ctx: PlanContext, skipped: VnetInfo[]): void {
  if (!finalIpv6(ctx, ctx.hub).grows) return;
  for (const vnet of skipped)
    for (const p of vnet.peerings)
      if (p.remoteKey === ctx.hub.key)
        ctx.warnings.push({
          code: 'PeeringNotSynced',
          resourceId: p.id,
          message: `${vnet.resource.name} is excluded or out of scope: its peering to the hub will show LocalNotInSync after the hub gains IPv6`,
          fix: 'Sync the peering by hand (syncRemoteAddressSpace=true) when convenient.',
        });
}
