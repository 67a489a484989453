import type { ArmResource } from '../arm/ArmResource';
import type {
  ExpressRouteCircuitPeering,
  LoadBalancer,
  NatGateway,
  NetworkInterface,
  NetworkManagementClient,
  NetworkSecurityGroup,
  PublicIPAddress,
  RouteTable,
  Subnet,
  VirtualNetwork,
  VirtualNetworkPeering,
} from '@azure/arm-network';
import type { OperationOptions } from '@azure/core-client';
import { parseResourceId, type ResourceId } from '../arm/resourceId';
import type { SubscriptionClients } from './networkClient';
import { AVNM_CONNECTIVITY_RESOURCE_TYPES } from './avnmConnectivityResourceTypes';
import { AVNM_RULE_RESOURCE_TYPES } from './avnmRuleResourceTypes';
import { IPAM_RESOURCE_TYPES } from './ipamResourceTypes';
import { PRIVATE_DNS_RESOURCE_TYPES } from './privateDnsResourceTypes';

/** What the typed operations need from a paged list: its pages (the access layer keeps each page's own JSON). */
export interface Pages {
  byPage(): AsyncIterableIterator<unknown[]>;
}

/** The options every typed write takes; each operation reads the ones it knows. */
export interface WriteOperationOptions extends OperationOptions {
  updateIntervalInMs?: number;
  /** virtualNetworkPeerings only: the API's one allowed value */
  syncRemoteAddressSpace?: 'true';
}

/** The typed operations for one resource type; `names` run from the top-level resource down. */
export interface NetworkResourceType {
  /** as in resource ids and ARM's `type`, e.g. 'Microsoft.Network/virtualNetworks' */
  type: string;
  /** the @azure/arm-network model (mapper) name */
  model: string;
  /** wire JSON -> the SDK model a write takes, for SDKs whose mappers wireModel can't load (private DNS) */
  toModel?: (body: ArmResource) => unknown;
  /** subscription-wide list; absent where the API has none (virtual network gateways) */
  listAll?: (c: SubscriptionClients, o: OperationOptions) => Pages;
  listByResourceGroup?: (c: SubscriptionClients, rg: string, o: OperationOptions) => Pages;
  /** children listed per parent (`names`: the parent's), not inline in it: private DNS links and record sets */
  listByParent?: (c: SubscriptionClients, rg: string, names: string[], o: OperationOptions) => Pages;
  /** list items that are not resources (no id), as the resources the planner reads: AVNM deployment status */
  fromListItems?: (parentId: string, items: unknown[]) => ArmResource[];
  get: (c: SubscriptionClients, rg: string, names: string[], o: OperationOptions) => Promise<unknown>;
  /** absent for types the app only reads */
  put?: (
    c: SubscriptionClients,
    rg: string,
    names: string[],
    model: unknown,
    o: WriteOperationOptions,
  ) => Promise<unknown>;
  /** only for what Dualstack itself created and takes back on rollback (private DNS AAAA record sets) */
  delete?: (
    c: SubscriptionClients,
    rg: string,
    names: string[],
    o: WriteOperationOptions,
  ) => Promise<unknown>;
}

const first = (n: string[]): string => n[0] ?? '';
const second = (n: string[]): string => n[1] ?? '';

/** The shape every top-level operation group of @azure/arm-network shares (methods, so `this` stays bound). */
interface TopLevelGroup<M> {
  listAll?(o?: OperationOptions): Pages;
  list(resourceGroupName: string, o?: OperationOptions): Pages;
  get(resourceGroupName: string, name: string, o?: OperationOptions): Promise<unknown>;
  beginCreateOrUpdateAndWait(
    resourceGroupName: string,
    name: string,
    model: M,
    o?: WriteOperationOptions,
  ): Promise<unknown>;
  beginDeleteAndWait(resourceGroupName: string, name: string, o?: WriteOperationOptions): Promise<unknown>;
}

/** The shape of a child operation group (subnets, peerings): one more name in every call. */
interface ChildGroup<M> {
  get(resourceGroupName: string, parent: string, name: string, o?: OperationOptions): Promise<unknown>;
  beginCreateOrUpdateAndWait(
    resourceGroupName: string,
    parent: string,
    name: string,
    model: M,
    o?: WriteOperationOptions,
  ): Promise<unknown>;
}

function topLevel<M>(
  type: string,
  model: string,
  group: (c: NetworkManagementClient) => TopLevelGroup<M>,
  access: 'read' | 'write' | 'create',
): NetworkResourceType {
  return {
    type,
    model,
    listAll: (c, o) => {
      const g = group(c.network);
      // virtual network gateways: the API lists them per resource group only
      if (!g.listAll) throw new TypeError(`${type} has no subscription-wide list`);
      return g.listAll(o);
    },
    listByResourceGroup: (c, rg, o) => group(c.network).list(rg, o),
    get: (c, rg, n, o) => group(c.network).get(rg, first(n), o),
    ...(access !== 'read'
      ? { put: (c, rg, n, m, o) => group(c.network).beginCreateOrUpdateAndWait(rg, first(n), m as M, o) }
      : {}),
    // what Dualstack creates (IPv6 public IPs) it may delete again on rollback
    ...(access === 'create'
      ? { delete: (c, rg, n, o) => group(c.network).beginDeleteAndWait(rg, first(n), o) }
      : {}),
  } satisfies NetworkResourceType;
}

function child<M>(
  type: string,
  model: string,
  group: (c: NetworkManagementClient) => ChildGroup<M>,
): NetworkResourceType {
  return {
    type,
    model,
    get: (c, rg, n, o) => group(c.network).get(rg, first(n), second(n), o),
    put: (c, rg, n, m, o) => group(c.network).beginCreateOrUpdateAndWait(rg, first(n), second(n), m as M, o),
  };
}

/** Every type the planner reads, and the ones its steps write. */
export const NETWORK_RESOURCE_TYPES: readonly NetworkResourceType[] = [
  topLevel<VirtualNetwork>(
    'Microsoft.Network/virtualNetworks',
    'VirtualNetwork',
    (c) => c.virtualNetworks,
    'write',
  ),
  topLevel<NetworkInterface>(
    'Microsoft.Network/networkInterfaces',
    'NetworkInterface',
    (c) => c.networkInterfaces,
    'write',
  ),
  topLevel<LoadBalancer>('Microsoft.Network/loadBalancers', 'LoadBalancer', (c) => c.loadBalancers, 'write'),
  topLevel<RouteTable>('Microsoft.Network/routeTables', 'RouteTable', (c) => c.routeTables, 'write'),
  topLevel<NetworkSecurityGroup>(
    'Microsoft.Network/networkSecurityGroups',
    'NetworkSecurityGroup',
    (c) => c.networkSecurityGroups,
    'write',
  ),
  topLevel<PublicIPAddress>(
    'Microsoft.Network/publicIPAddresses',
    'PublicIPAddress',
    (c) => c.publicIPAddresses,
    'create',
  ),
  topLevel(
    'Microsoft.Network/expressRouteCircuits',
    'ExpressRouteCircuit',
    (c) => c.expressRouteCircuits,
    'read',
  ),
  // no subscription-wide list in the API: listNetwork lists these per resource group
  {
    ...topLevel(
      'Microsoft.Network/virtualNetworkGateways',
      'VirtualNetworkGateway',
      (c) => c.virtualNetworkGateways,
      'read',
    ),
    listAll: undefined,
  },
  // read for the subnets that use one: a Standard NAT gateway has no IPv6 egress (subnetFindings.ts)
  topLevel<NatGateway>('Microsoft.Network/natGateways', 'NatGateway', (c) => c.natGateways, 'read'),
  topLevel('Microsoft.Network/azureFirewalls', 'AzureFirewall', (c) => c.azureFirewalls, 'read'),
  {
    // bastion names its lists differently: list() is subscription-wide
    type: 'Microsoft.Network/bastionHosts',
    model: 'BastionHost',
    listAll: (c, o) => c.network.bastionHosts.list(o),
    listByResourceGroup: (c, rg, o) => c.network.bastionHosts.listByResourceGroup(rg, o),
    get: (c, rg, n, o) => c.network.bastionHosts.get(rg, first(n), o),
  },
  child<Subnet>('Microsoft.Network/virtualNetworks/subnets', 'Subnet', (c) => c.subnets),
  child<VirtualNetworkPeering>(
    'Microsoft.Network/virtualNetworks/virtualNetworkPeerings',
    'VirtualNetworkPeering',
    (c) => c.virtualNetworkPeerings,
  ),
  child<ExpressRouteCircuitPeering>(
    'Microsoft.Network/expressRouteCircuits/peerings',
    'ExpressRouteCircuitPeering',
    (c) => c.expressRouteCircuitPeerings,
  ),
  ...PRIVATE_DNS_RESOURCE_TYPES,
  ...AVNM_RULE_RESOURCE_TYPES,
  ...AVNM_CONNECTIVITY_RESOURCE_TYPES,
  ...IPAM_RESOURCE_TYPES,
];

const BY_TYPE = new Map(NETWORK_RESOURCE_TYPES.map((t) => [t.type.toLowerCase(), t]));

/** The operations for a resource type (case-insensitive), or undefined when the access layer doesn't handle it. */
export function networkResourceType(type: string): NetworkResourceType | undefined {
  return BY_TYPE.get(type.toLowerCase());
}

/** The top-level types discovery lists (children such as subnets and peerings come inline in their parents). */
export const DISCOVERED_TYPES: readonly string[] = NETWORK_RESOURCE_TYPES.filter(
  (t) => t.listAll ?? t.listByResourceGroup,
).map((t) => t.type);

/** A resource id resolved to its parts and the operations for its type; a TypeError names what is wrong. */
export function resolveNetworkResource(resourceId: string, field = 'resourceId'): ResolvedNetworkResource {
  const parsed = typeof resourceId === 'string' ? parseResourceId(resourceId) : undefined;
  if (!parsed) throw new TypeError(`${field}: '${String(resourceId)}' is not an ARM resource id`);
  const ops = networkResourceType(parsed.type);
  if (!ops) {
    throw new TypeError(
      `${field}: '${resourceId}' is a ${parsed.type}, which the access layer does not handle (it handles ${NETWORK_RESOURCE_TYPES.map((t) => t.type).join(', ')})`,
    );
  }
  return { ...parsed, ops };
}

export interface ResolvedNetworkResource extends ResourceId {
  ops: NetworkResourceType;
}
