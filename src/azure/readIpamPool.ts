import type { ArmResource } from '../arm/ArmResource';
import { parseResourceId } from '../arm/resourceId';
import type { IpamPoolState } from '../planner/ipam/IpamPoolState';
import { classifyError } from './classifyError';
import { DualstackError } from './DualstackError';
import { getResource } from './getResource';
import { subscriptionClients, type NetworkClients } from './networkClient';
import { wireCapture } from './wireCapture';

export interface ReadIpamPoolOptions {
  abortSignal?: AbortSignal;
}

/**
 * The configured IPAM pool as the planner needs it: the pool (absent when ARM answers 404), its
 * static CIDRs (one paged list) and its usage (`getPoolUsage`: every prefix allocated from it,
 * whoever allocated it, VNets associated from other subscriptions and child pools included).
 * Three reads, whatever the estate's size.
 */
export async function readIpamPool(
  clients: NetworkClients,
  poolId: string,
  options: ReadIpamPoolOptions = {},
): Promise<IpamPoolState> {
  const id = parseResourceId(poolId);
  if (!id || id.type.toLowerCase() !== 'microsoft.network/networkmanagers/ipampools')
    throw new TypeError(`ipamPoolId: '${poolId}' is not an IPAM pool id`);
  const { abortSignal } = options;
  let pool: ArmResource;
  try {
    pool = await getResource(clients, poolId, { abortSignal });
  } catch (error) {
    if (error instanceof DualstackError && error.status === 404) return { poolId, staticCidrs: [] };
    throw error;
  }
  const [nm = '', name = ''] = id.names;
  const client = subscriptionClients(clients, id.subscriptionId).network;
  try {
    const list = wireCapture();
    for await (const page of client.staticCidrs
      .list(id.resourceGroup, nm, name, { abortSignal, onResponse: list.onResponse })
      .byPage())
      void page;
    const usage = wireCapture();
    await client.ipamPools.getPoolUsage(id.resourceGroup, nm, name, {
      abortSignal,
      onResponse: usage.onResponse,
    });
    const allocated = (usage.bodies.at(-1) as { allocatedAddressPrefixes?: unknown } | undefined)
      ?.allocatedAddressPrefixes;
    return {
      poolId,
      pool,
      staticCidrs: list.bodies.flatMap((b) => (b as { value?: ArmResource[] }).value ?? []),
      allocatedAddressPrefixes: Array.isArray(allocated)
        ? allocated.filter((p): p is string => typeof p === 'string')
        : [],
    };
  } catch (e) {
    throw classifyError(e, { resourceId: poolId });
  }
}
