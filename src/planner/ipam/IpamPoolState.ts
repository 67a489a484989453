import type { ArmResource } from '../../arm/ArmResource';
import { idKey, parentResourceId } from '../../arm/resourceId';

export const IPAM_POOLS = 'Microsoft.Network/networkManagers/ipamPools';
export const STATIC_CIDRS = 'Microsoft.Network/networkManagers/ipamPools/staticCidrs';

/**
 * What the planner knows of the configured AVNM IPAM pool, as ARM returns it: the pool (undefined:
 * not found), its static CIDR allocations, and every prefix allocated from it. The last comes from
 * the pool's `getPoolUsage` in a run; it also holds allocations the planner can't list (VNets
 * associated with the pool in subscriptions outside the scope, child pools).
 */
export interface IpamPoolState {
  poolId: string;
  pool?: ArmResource;
  staticCidrs: ArmResource[];
  /** `getPoolUsage().allocatedAddressPrefixes`; absent offline, where static CIDRs and child pools stand in */
  allocatedAddressPrefixes?: string[];
}

function isType(r: ArmResource, type: string): boolean {
  return r.type.toLowerCase() === type.toLowerCase();
}

/**
 * The pool's state read off an exported estate (offline planning): the pool, its static CIDRs, and
 * its child pools' prefixes as allocations.
 */
export function ipamPoolStateFromResources(poolId: string, resources: readonly ArmResource[]): IpamPoolState {
  const key = idKey(poolId);
  const pool = resources.find((r) => isType(r, IPAM_POOLS) && idKey(r.id) === key);
  const staticCidrs = resources.filter(
    (r) => isType(r, STATIC_CIDRS) && idKey(parentResourceId(r.id, 2)) === key,
  );
  const state: IpamPoolState = { poolId, staticCidrs };
  if (pool) state.pool = pool;
  return state;
}
