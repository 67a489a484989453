import type { ArmResource } from '../../src/arm/ArmResource';
import type { Emulator } from '../Emulator';

/** A collection of sub-resources that ARM returns inline in its parent (subnets, routes, LB pools...). */
export interface ChildCollection {
  /** Property under `properties`, e.g. 'subnets'. */
  property: string;
  /** Segment in the child's id; usually the same as `property`. */
  segment: string;
  /** Has its own GET/PUT/DELETE/list routes (subnets, peerings, routes, security rules, LB children). */
  routable?: boolean;
  /** A parent PUT without the property keeps the stored children (peerings) instead of deleting them. */
  keepWhenAbsent?: boolean;
  /** Named in ReferencedResourceNotProvisioned when a write to this child is in progress. */
  operationName?: string;
}

export interface PrepareContext {
  emulator: Emulator;
  /** The resource as it will be stored: children merged, ids filled. Mutable. */
  resource: ArmResource;
  existing: ArmResource | undefined;
  /** Set for child PUTs. */
  child?: { collection: ChildCollection; name: string };
  query: URLSearchParams;
}

/**
 * What the generic handlers need to know about one top-level resource type.
 * Everything else (etags, LROs, RBAC, events...) is shared.
 */
export interface ResourceTypeSpec {
  /** 'Microsoft.Network/virtualNetworks' */
  type: string;
  /** URL segment, 'virtualNetworks' */
  collection: string;
  /** api-versions the routes accept (default: the Network RP's, NETWORK_API_VERSIONS) */
  apiVersions?: readonly string[];
  children: ChildCollection[];
  /**
   * Read-only paths the service owns: a PUT's value is replaced by the stored
   * one (or dropped). `[]` walks an array of named sub-resources, e.g.
   * 'properties.subnets[].properties.ipConfigurations'.
   */
  readOnly: string[];
  /**
   * Network RP answers a write of this type Succeeded at once and its operation rewrites nothing
   * (load balancers: azure-cli recording test_network_lb_zone); other types answer Updating and
   * get a new etag when the operation ends.
   */
  settlesOnAccept?: boolean;
  /** e.g. 'PutVirtualNetworkOperation' */
  operationName: string;
  /** Type-specific filling (address allocation, peering address spaces); throws ArmError to refuse. */
  prepare?(ctx: PrepareContext): void;
  /**
   * Before children disappear (PUT without them, child DELETE, DELETE): throws ArmError if one is in use.
   * `after` is the resource as it will be stored (undefined when the resource itself goes).
   */
  beforeRemove?(
    emulator: Emulator,
    resource: ArmResource,
    removedChildIds: string[],
    after: ArmResource | undefined,
  ): void;
  /** Before a DELETE of the resource itself: throws ArmError while something still uses it. */
  beforeDelete?(emulator: Emulator, resource: ArmResource): void;
  /** After the new state is stored (accept time), for effects on other resources. */
  afterStore?(emulator: Emulator, resource: ArmResource, existing: ArmResource | undefined): void;
  /** After the resource left the store. */
  afterDelete?(emulator: Emulator, resource: ArmResource): void;
  /** Read-time view: computed back-references. Must not mutate the stored object. */
  decorate?(emulator: Emulator, resource: ArmResource): ArmResource;
}
