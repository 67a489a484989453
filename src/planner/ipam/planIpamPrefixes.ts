import type { Cidr } from '../../arm/cidr';
import { formatCidr, parseCidr } from '../../arm/cidr';
import { idKey, parseResourceId } from '../../arm/resourceId';
import type { VnetPrefixPlan } from '../addressPlan/planVnetPrefixes';
import { planVnetPrefixes } from '../addressPlan/planVnetPrefixes';
import type { EstateIndex, VnetInfo } from '../discovery/EstateIndex';
import { props, strs } from '../json';
import type { Finding, IpamPoolPlan } from '../Plan';
import type { PrefixReservation } from '../PrefixReservation';
import { parseIpv6Cidr } from '../prefixes';
import type { IpamPoolState } from './IpamPoolState';
import { staticCidrName } from './staticCidrName';

export interface IpamPrefixPlan extends VnetPrefixPlan {
  /** the pool's side of the plan (what the plan shows); undefined when the pool can't be used */
  pool?: IpamPoolPlan;
  /** VNet key -> id of the Dualstack static CIDR that already holds its block */
  heldBy: Map<string, string>;
}

function poolName(poolId: string): string {
  return parseResourceId(poolId)?.names.at(-1) ?? poolId;
}

/** Every VNet keeps the IPv6 it has; the rest can't be planned (the pool is missing or has no IPv6). */
function unusable(index: EstateIndex, vnets: VnetInfo[], blocker: Finding): IpamPrefixPlan {
  const prefixes: VnetPrefixPlan['prefixes'] = new Map();
  for (const vnet of index.vnets.values()) {
    const first = vnet.ipv6.map(parseIpv6Cidr).find((c) => c !== undefined);
    if (first)
      prefixes.set(vnet.key, { prefix: formatCidr(first), cidr: first, existing: true, source: 'existing' });
  }
  return {
    prefixes,
    unplaced: vnets.filter((v) => !prefixes.has(v.key)).map((v) => v.key),
    blockers: [blocker],
    warnings: [],
    freeBlocks: 0n,
    heldBy: new Map(),
  };
}

/**
 * The VNet blocks when an AVNM IPAM pool gives them (config ipamPoolId): planVnetPrefixes over the
 * pool's first IPv6 prefix that holds a block, with Dualstack's static CIDRs (found by their names,
 * staticCidrName) as the VNets' reservations and every other allocation of the pool (other static
 * CIDRs, child pools, associated VNets: getPoolUsage's allocated prefixes) never planned. So a
 * re-run reuses each VNet's static CIDR, VNets that have IPv6 keep it, and nothing the pool has
 * given elsewhere is planned twice.
 */
export function planIpamPrefixes(
  index: EstateIndex,
  hub: VnetInfo,
  spokes: VnetInfo[],
  state: IpamPoolState,
  vnetPrefixLength: number,
): IpamPrefixPlan {
  const name = poolName(state.poolId);
  const vnets = [hub, ...spokes];
  if (!state.pool)
    return unusable(index, vnets, {
      code: 'IpamPoolNotFound',
      resourceId: state.poolId,
      message: `the IPAM pool ${name} (ipamPoolId) was not found: ${state.poolId}`,
      fix: "Check ipamPoolId, and that Dualstack's identity may read the pool (Microsoft.Network/networkManagers/ipamPools/read).",
    });
  const poolPrefixes = strs(props(state.pool).addressPrefixes);
  const block = poolPrefixes
    .map((p) => parseCidr(p))
    .find((c): c is Cidr => c?.version === 'IPv6' && c.length <= vnetPrefixLength);
  if (!block)
    return unusable(index, vnets, {
      code: 'IpamPoolNotIpv6',
      resourceId: state.poolId,
      message: `the IPAM pool ${name} has no IPv6 prefix of /${vnetPrefixLength} or wider (its prefixes: ${poolPrefixes.join(', ') || 'none'})`,
      fix: `Add an IPv6 prefix to the pool (at most /${vnetPrefixLength} long), or point ipamPoolId at an IPv6 pool.`,
    });

  const byName = new Map(state.staticCidrs.map((s) => [(s.name ?? '').toLowerCase(), s]));
  const reservations: PrefixReservation[] = [];
  const heldBy = new Map<string, string>();
  const ours = new Set<string>();
  for (const vnet of index.vnets.values()) {
    const held = byName.get(staticCidrName(vnet.resource.id).toLowerCase());
    const prefix = held ? strs(props(held).addressPrefixes)[0] : undefined;
    if (!held || prefix === undefined) continue;
    reservations.push({ vnetId: vnet.resource.id, prefix });
    heldBy.set(vnet.key, held.id);
    ours.add(idKey(held.id));
  }
  const others = [
    ...state.staticCidrs.filter((s) => !ours.has(idKey(s.id))).flatMap((s) => strs(props(s).addressPrefixes)),
    ...(state.allocatedAddressPrefixes ?? []),
  ];
  const taken = others.map(parseIpv6Cidr).filter((c): c is Cidr => c !== undefined);

  const planned = planVnetPrefixes(index, hub, spokes, block, vnetPrefixLength, reservations, {
    taken,
    tooSmall: (free, needed, used) => ({
      code: 'IpamPoolExhausted',
      resourceId: state.poolId,
      message: `the IPAM pool ${name} (${formatCidr(block)}) has ${free} free /${vnetPrefixLength} blocks (${used} of ${free + used} allocated); ${needed} VNets need one`,
      fix: `Add an IPv6 prefix to the pool ${name} or free ${BigInt(needed) - free} of its allocations.`,
    }),
  });
  const allocations: IpamPoolPlan['allocations'] = [];
  for (const vnet of vnets) {
    const planned1 = planned.prefixes.get(vnet.key);
    if (!planned1 || planned1.existing) continue;
    const held = heldBy.get(vnet.key);
    allocations.push({
      vnetId: vnet.resource.id,
      staticCidrId: held ?? `${state.poolId}/staticCidrs/${staticCidrName(vnet.resource.id)}`,
      prefix: planned1.prefix,
      existing: held !== undefined,
    });
  }
  return {
    ...planned,
    heldBy,
    pool: {
      poolId: state.poolId,
      addressPrefixes: poolPrefixes,
      ipv6Prefix: formatCidr(block),
      freeBlocks: planned.freeBlocks.toString(),
      allocations,
    },
  };
}
