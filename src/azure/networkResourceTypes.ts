import type {
  ExpressRouteCircuitPeering,
  LoadBalancer,
  NetworkInterface,
  NetworkManagementClient,
  NetworkSecurityGroup,
  RouteTable,
  Subnet,
  VirtualNetwork,
  VirtualNetworkPeering,
} from '@azure/arm-network';
import type { OperationOptions } from '@azure/core-client';
import { parseResourceId, type ResourceId } from '../arm/resourceId';

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
  /** subscription-wide list; absent where the API has none (virtual network gateways) */
  listAll?: (c: NetworkManagementClient, o: OperationOptions) => Pages;
  listByResourceGroup?: (c: NetworkManagementClient, rg: string, o: OperationOptions) => Pages;
  get: (c: NetworkManagementClient, rg: string, names: string[], o: OperationOptions) => Promise<unknown>;
  /** absent for types the app only reads */
  put?: (
    c: NetworkManagementClient,
    rg: string,
    names: string[],
    model: unknown,
    o: WriteOperationOptions,
  ) => Promise<unknown>;
}

const first = (n: string[]): string => n[0] ?? '';
const second = (n: string[]): string => n[1] ?? '';

/** Every type the planner reads, and the ones its steps write. */
export const NETWORK_RESOURCE_TYPES: readonly NetworkResourceType[] = [
  {
    type: 'Microsoft.Network/virtualNetworks',
    model: 'VirtualNetwork',
    listAll: (c, o) => c.virtualNetworks.listAll(o),
    listByResourceGroup: (c, rg, o) => c.virtualNetworks.list(rg, o),
    get: (c, rg, n, o) => c.virtualNetworks.get(rg, first(n), o),
    put: (c, rg, n, m, o) =>
      c.virtualNetworks.beginCreateOrUpdateAndWait(rg, first(n), m as VirtualNetwork, o),
  },
  {
    type: 'Microsoft.Network/networkInterfaces',
    model: 'NetworkInterface',
    listAll: (c, o) => c.networkInterfaces.listAll(o),
    listByResourceGroup: (c, rg, o) => c.networkInterfaces.list(rg, o),
    get: (c, rg, n, o) => c.networkInterfaces.get(rg, first(n), o),
    put: (c, rg, n, m, o) =>
      c.networkInterfaces.beginCreateOrUpdateAndWait(rg, first(n), m as NetworkInterface, o),
  },
  {
    type: 'Microsoft.Network/loadBalancers',
    model: 'LoadBalancer',
    listAll: (c, o) => c.loadBalancers.listAll(o),
    listByResourceGroup: (c, rg, o) => c.loadBalancers.list(rg, o),
    get: (c, rg, n, o) => c.loadBalancers.get(rg, first(n), o),
    put: (c, rg, n, m, o) => c.loadBalancers.beginCreateOrUpdateAndWait(rg, first(n), m as LoadBalancer, o),
  },
  {
    type: 'Microsoft.Network/routeTables',
    model: 'RouteTable',
    listAll: (c, o) => c.routeTables.listAll(o),
    listByResourceGroup: (c, rg, o) => c.routeTables.list(rg, o),
    get: (c, rg, n, o) => c.routeTables.get(rg, first(n), o),
    put: (c, rg, n, m, o) => c.routeTables.beginCreateOrUpdateAndWait(rg, first(n), m as RouteTable, o),
  },
  {
    type: 'Microsoft.Network/networkSecurityGroups',
    model: 'NetworkSecurityGroup',
    listAll: (c, o) => c.networkSecurityGroups.listAll(o),
    listByResourceGroup: (c, rg, o) => c.networkSecurityGroups.list(rg, o),
    get: (c, rg, n, o) => c.networkSecurityGroups.get(rg, first(n), o),
    put: (c, rg, n, m, o) =>
      c.networkSecurityGroups.beginCreateOrUpdateAndWait(rg, first(n), m as NetworkSecurityGroup, o),
  },
  {
    type: 'Microsoft.Network/publicIPAddresses',
    model: 'PublicIPAddress',
    listAll: (c, o) => c.publicIPAddresses.listAll(o),
    listByResourceGroup: (c, rg, o) => c.publicIPAddresses.list(rg, o),
    get: (c, rg, n, o) => c.publicIPAddresses.get(rg, first(n), o),
  },
  {
    type: 'Microsoft.Network/expressRouteCircuits',
    model: 'ExpressRouteCircuit',
    listAll: (c, o) => c.expressRouteCircuits.listAll(o),
    listByResourceGroup: (c, rg, o) => c.expressRouteCircuits.list(rg, o),
    get: (c, rg, n, o) => c.expressRouteCircuits.get(rg, first(n), o),
  },
  {
    type: 'Microsoft.Network/virtualNetworkGateways',
    model: 'VirtualNetworkGateway',
    listByResourceGroup: (c, rg, o) => c.virtualNetworkGateways.list(rg, o),
    get: (c, rg, n, o) => c.virtualNetworkGateways.get(rg, first(n), o),
  },
  {
    type: 'Microsoft.Network/azureFirewalls',
    model: 'AzureFirewall',
    listAll: (c, o) => c.azureFirewalls.listAll(o),
    listByResourceGroup: (c, rg, o) => c.azureFirewalls.list(rg, o),
    get: (c, rg, n, o) => c.azureFirewalls.get(rg, first(n), o),
  },
  {
    type: 'Microsoft.Network/bastionHosts',
    model: 'BastionHost',
    listAll: (c, o) => c.bastionHosts.list(o),
    listByResourceGroup: (c, rg, o) => c.bastionHosts.listByResourceGroup(rg, o),
    get: (c, rg, n, o) => c.bastionHosts.get(rg, first(n), o),
  },
  {
    type: 'Microsoft.Network/virtualNetworks/subnets',
    model: 'Subnet',
    get: (c, rg, n, o) => c.subnets.get(rg, first(n), second(n), o),
    put: (c, rg, n, m, o) => c.subnets.beginCreateOrUpdateAndWait(rg, first(n), second(n), m as Subnet, o),
  },
  {
    type: 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings',
    model: 'VirtualNetworkPeering',
    get: (c, rg, n, o) => c.virtualNetworkPeerings.get(rg, first(n), second(n), o),
    put: (c, rg, n, m, o) =>
      c.virtualNetworkPeerings.beginCreateOrUpdateAndWait(
        rg,
        first(n),
        second(n),
        m as VirtualNetworkPeering,
        o,
      ),
  },
  {
    type: 'Microsoft.Network/expressRouteCircuits/peerings',
    model: 'ExpressRouteCircuitPeering',
    get: (c, rg, n, o) => c.expressRouteCircuitPeerings.get(rg, first(n), second(n), o),
    put: (c, rg, n, m, o) =>
      c.expressRouteCircuitPeerings.beginCreateOrUpdateAndWait(
        rg,
        first(n),
        second(n),
        m as ExpressRouteCircuitPeering,
        o,
      ),
  },
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
