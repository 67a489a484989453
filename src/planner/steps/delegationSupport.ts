import type { Json } from '../json';
import { objs, props, str } from '../json';

/**
 * Delegations whose services don't accept IPv6 in their subnet [inferred: the rulebook leaves
 * delegated subnets "unclear"; these services document IPv4-only VNet injection, and DNS Private
 * Resolver lists "IPv6 enabled subnets aren't supported" among its subnet restrictions].
 */
export const IPV6_REFUSING_DELEGATIONS: readonly string[] = [
  'Microsoft.Netapp/volumes',
  'Microsoft.ContainerInstance/containerGroups',
  'Microsoft.DBforPostgreSQL/flexibleServers',
  'Microsoft.DBforMySQL/flexibleServers',
  'Microsoft.Sql/managedInstances',
  'Microsoft.ApiManagement/service',
  'Microsoft.Databricks/workspaces',
  'Microsoft.Network/dnsResolvers',
];

/**
 * Delegations whose subnet takes an IPv6 /64 while the service itself keeps using IPv4, with why.
 * [documented: App Service VNet integration asks only for an IPv4 block in its subnet, and VNet
 * outbound IPv6 is on its backlog; AKS can't turn an existing cluster dual-stack.]
 */
const ALLOWS: Record<string, string> = {
  'Microsoft.Web/serverFarms':
    "App Service VNet integration keeps using IPv4: the apps' traffic into the VNet stays IPv4 until App Service supports VNet IPv6",
  'Microsoft.ContainerService/managedClusters':
    'an existing AKS cluster does not become dual-stack: its nodes and pods keep IPv4 until the cluster is recreated with both IP families',
};

const FORBIDS_KEYS = new Set(IPV6_REFUSING_DELEGATIONS.map((s) => s.toLowerCase()));
const ALLOWS_KEYS = new Map(Object.entries(ALLOWS).map(([k, v]) => [k.toLowerCase(), v]));

export type DelegationSupport =
  | { service: string; support: 'forbids' }
  | { service: string; support: 'allows'; note: string }
  | { service: string; support: 'unknown' };

export function delegationSupport(service: string): DelegationSupport {
  const key = service.toLowerCase();
  if (FORBIDS_KEYS.has(key)) return { service, support: 'forbids' };
  const note = ALLOWS_KEYS.get(key);
  if (note !== undefined) return { service, support: 'allows', note };
  return { service, support: 'unknown' };
}

/** What the subnet's delegations say about IPv6 in it. */
export function delegationsOf(subnetBody: Json): DelegationSupport[] {
  return objs(props(subnetBody).delegations).map((d) => delegationSupport(str(props(d).serviceName) ?? ''));
}

/** A subnet delegated to a service Dualstack doesn't know stays IPv4 (a manual action says so). */
export function hasUnknownDelegation(subnetBody: Json): boolean {
  return delegationsOf(subnetBody).some((d) => d.support === 'unknown');
}
