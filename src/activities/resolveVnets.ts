import type { ArmResource } from '../arm/ArmResource';
import { idKey, parentResourceId, parseResourceId } from '../arm/resourceId';
import { DualstackError } from '../azure/DualstackError';
import { getResource } from '../azure/getResource';
import type { NetworkClients } from '../azure/networkClient';

type Json = Record<string, unknown>;

function list(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter((v): v is Json => typeof v === 'object' && v !== null) : [];
}

function props(value: Json): Json {
  const p = value.properties;
  return typeof p === 'object' && p !== null ? (p as Json) : {};
}

function refId(value: unknown): string | undefined {
  const id = typeof value === 'object' && value !== null ? (value as Json).id : undefined;
  return typeof id === 'string' ? id : undefined;
}

function isType(id: string, type: string): boolean {
  return parseResourceId(id)?.type.toLowerCase() === type;
}

const NIC = 'microsoft.network/networkinterfaces';
const NIC_READS_AT_ONCE = 8;

/** Subnet ids a resource body points at directly, and NIC ids whose subnets need one more read. */
function references(resource: ArmResource): { vnets: string[]; nics: string[] } {
  const p = resource.properties ?? {};
  const subnets: (string | undefined)[] = [];
  const nicConfigs: (string | undefined)[] = [];
  const vnets: (string | undefined)[] = [];
  switch (resource.type.toLowerCase()) {
    case NIC:
      subnets.push(...list(p.ipConfigurations).map((c) => refId(props(c).subnet)));
      break;
    case 'microsoft.network/loadbalancers':
      subnets.push(...list(p.frontendIPConfigurations).map((c) => refId(props(c).subnet)));
      for (const pool of list(p.backendAddressPools)) {
        nicConfigs.push(...list(props(pool).backendIPConfigurations).map((c) => refId(c)));
        for (const address of list(props(pool).loadBalancerBackendAddresses)) {
          vnets.push(refId(props(address).virtualNetwork));
          subnets.push(refId(props(address).subnet));
        }
      }
      break;
    case 'microsoft.network/routetables':
      subnets.push(...list(p.subnets).map(refId));
      break;
    case 'microsoft.network/networksecuritygroups':
      subnets.push(...list(p.subnets).map(refId));
      nicConfigs.push(...list(p.networkInterfaces).map(refId));
      break;
    case 'microsoft.network/virtualnetworks/virtualnetworkpeerings':
      vnets.push(refId(p.remoteVirtualNetwork));
      break;
  }
  const present = (ids: (string | undefined)[]): string[] => ids.filter((i): i is string => i !== undefined);
  return {
    vnets: [...present(vnets), ...present(subnets).map((s) => parentResourceId(s))],
    // A NIC ip configuration id names its NIC; an NSG lists NICs themselves.
    nics: present(nicConfigs).map((c) => (isType(c, NIC) ? c : parentResourceId(c))),
  };
}

async function readOrNothing(clients: NetworkClients, id: string): Promise<ArmResource | undefined> {
  try {
    return await getResource(clients, id);
  } catch (error) {
    // Gone since the event: nothing to reconcile for it (its VNet's own events cover the rest).
    if (error instanceof DualstackError && error.status === 404) return undefined;
    throw error;
  }
}

/**
 * The VNets a resource lives in or serves: a NIC's subnets' VNets, a load balancer's frontend subnets and
 * backend NICs' VNets, the VNets of the subnets a route table or NSG is associated with, a peering's remote
 * VNet. One GET for the resource, plus one per distinct backend NIC for load balancers and NSGs.
 * Sorted, lower-case-deduplicated; empty when the resource is gone or attached to nothing.
 */
export async function resolveVnets(clients: NetworkClients, resourceId: string): Promise<string[]> {
  const resource = await readOrNothing(clients, resourceId);
  if (!resource) return [];
  const found = references(resource);
  const vnets = [...found.vnets];
  const nics = [...new Map(found.nics.map((n) => [idKey(n), n])).values()];
  // A big backend pool or NSG can list hundreds of NICs: a few reads at a time, not a burst that throttles.
  for (let i = 0; i < nics.length; i += NIC_READS_AT_ONCE) {
    const batch = nics.slice(i, i + NIC_READS_AT_ONCE);
    for (const nic of await Promise.all(batch.map((n) => readOrNothing(clients, n))))
      if (nic) vnets.push(...references(nic).vnets);
  }
  const unique = new Map(vnets.map((v) => [idKey(v), v]));
  return [...unique.keys()].sort().map((k) => unique.get(k) ?? k);
}
