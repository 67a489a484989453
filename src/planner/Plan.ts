import type { ArmResource } from '../arm/ArmResource';

/**
 * The planner's output contract. The orchestrations, the renderers and the HTTP API
 * all read this, so names here are stable: extend, don't rename.
 */
export type StepKind =
  | 'virtualNetwork'
  | 'peeringSync'
  | 'networkInterface'
  | 'loadBalancer'
  | 'routeTable'
  | 'networkSecurityGroup'
  | 'expressRouteCircuitPeering'
  /** an AAAA record set of a Private DNS zone linked to a migrated VNet */
  | 'privateDnsRecordSet'
  /** a resource Dualstack creates (a Standard static IPv6 public IP), or in a rollback deletes */
  | 'publicIPAddress'
  /** the IPv6 twin of an AVNM routing rule, created in its rule collection (rollback: deleted) */
  | 'avnmRoutingRule'
  /** the IPv6 twin of an AVNM security admin rule, created in its rule collection (rollback: deleted) */
  | 'avnmSecurityAdminRule'
  /** POST networkManagers/commit: deploys the configurations whose rules the twins joined (or left) */
  | 'avnmCommit'
  /** a static CIDR allocation of the configured AVNM IPAM pool holding a VNet's IPv6 block (created; deleted by a rollback) */
  | 'ipamStaticCidr';

/**
 * A deployment of AVNM configurations of one kind to regions. The configurations a region already has
 * deployed of that kind are added when the step runs (AVNM's goal-state model: a commit replaces them).
 */
export interface AvnmCommit {
  commitType: 'Connectivity' | 'Routing' | 'SecurityAdmin';
  configurationIds: string[];
  targetLocations: string[];
}

/**
 * One IPv6 change inside a resource body, kept apart from the merged body so that
 * apply can re-merge it onto a fresh read when a human changed the resource after
 * planning (their change must survive).
 */
export type Ipv6Addition =
  /** append `value` to the string array at `path` unless already present (e.g. addressSpace.addressPrefixes) */
  | { op: 'appendToArray'; path: string[]; value: string }
  /** insert the named child into the array at `path`, or leave an existing child of that name alone */
  | { op: 'addChild'; path: string[]; value: { name: string } & Record<string, unknown> }
  /** set a subnet's IPv6 prefix: the subnet's prefixes become [ipv4..., value] */
  | { op: 'addSubnetPrefix'; subnetName: string; value: string }
  /** add `value` (an {id}) to the array at `path` within the named child, e.g. an ipConfiguration's pool list */
  | { op: 'appendRef'; path: string[]; childName: string; childPath: string[]; value: { id: string } }
  /** set the object at `path` unless something is already there (e.g. an ExpressRoute peering's ipv6PeeringConfig) */
  | { op: 'setIfAbsent'; path: string[]; value: Record<string, unknown> }
  /**
   * Private DNS: an AAAA record for the IPv6 address of a NIC's ip configuration, beside the A record
   * of its IPv4 one; the address is noted in the set's metadata as Dualstack's (what rollback takes).
   * `address` is absent while the ip configuration is still to be created: applyStep reads it then.
   * `ttl` is the A record set's: a set Dualstack creates gets it.
   */
  | { op: 'addAaaaRecord'; ipConfigurationId: string; address?: string; ttl: number }
  /** create the resource with this body when it doesn't exist; an existing one is left as it is */
  | { op: 'createResource'; value: ArmResource }
  /** deploy AVNM configurations (an avnmCommit step); not a body change */
  | { op: 'commitAvnm'; commit: AvnmCommit };

/**
 * One IPv6 element a rollback takes out of a resource body. Like additions, kept apart from the body
 * so that apply re-applies them to a fresh read, and removing what is already gone changes nothing.
 */
export type Ipv6Removal =
  /** remove `value` (an IPv6 prefix, compared canonically) from the string array at `path` */
  | { op: 'removeFromArray'; path: string[]; value: string }
  /** remove the named child from the array at `path` (a twin Dualstack added) */
  | { op: 'removeChild'; path: string[]; name: string }
  /** take `value` out of the named subnet's prefixes; a lone IPv4 prefix goes back to `addressPrefix` */
  | { op: 'removeSubnetPrefix'; subnetName: string; value: string }
  /** set a tag unless the resource has it (any case): the exclusion tag that keeps a rolled-back VNet IPv4 */
  | { op: 'setTag'; name: string; value: string }
  /** Private DNS: take an AAAA record Dualstack added out of the set (and out of its metadata note) */
  | { op: 'removeAaaaRecord'; address: string }
  /** delete the whole resource (one Dualstack created); already gone is done */
  | { op: 'deleteResource' }
  /** deploy AVNM configurations again once the twins are gone (an avnmCommit step); not a body change */
  | { op: 'commitAvnm'; commit: AvnmCommit };

export interface PlanStep {
  /** deterministic: `${kind}:${lower-case resource id}` */
  id: string;
  kind: StepKind;
  resourceId: string;
  /** The VNet whose migration runs this step; shared resources (a route table serving several spokes) have none and run once every VNet they serve is done. */
  vnetId?: string;
  /** Every VNet this resource serves. */
  vnetIds: string[];
  dependsOn: string[];
  /** The etag the desired body was computed from. */
  plannedEtag?: string;
  /**
   * The full body to PUT: observed resource merged with the IPv6 additions, IPv4 untouched. For peeringSync: the peering body to PUT with syncRemoteAddressSpace=true.
   * Shares unchanged parts with the observed input (copy-on-write): treat plans and their input as immutable, deep-copy before editing.
   */
  desired: ArmResource;
  additions: Ipv6Addition[];
  /** Rollback plans only: what the step takes out again (their `additions` are empty). */
  removals?: Ipv6Removal[];
  /** IPv6 prefixes this step adds (or, in a rollback, removes), for reporting. */
  ipv6Prefixes: string[];
  /** one line for humans */
  summary: string;
}

export interface Finding {
  code: string;
  resourceId: string;
  message: string;
  /** how to fix it (blockers) or what to do by hand (manual actions) */
  fix?: string;
}

export interface SubnetPlan {
  name: string;
  ipv4Prefixes: string[];
  /** undefined when the subnet stays IPv4-only (AzureFirewallSubnet by default) */
  ipv6Prefix?: string;
  /** true when the prefix already existed */
  existing: boolean;
}

export interface VnetPlan {
  vnetId: string;
  role: 'hub' | 'spoke';
  ipv4Prefixes: string[];
  ipv6Prefix?: string;
  ipv6Existing: boolean;
  subnets: SubnetPlan[];
  stepIds: string[];
  /** a blocker stops this VNet: it gets no steps (see Plan.blockers for why) */
  blocked?: boolean;
}

/** The configured AVNM IPAM pool's side of a plan: where each new VNet block comes from. */
export interface IpamPoolPlan {
  poolId: string;
  /** the pool's prefixes, as ARM has them */
  addressPrefixes: string[];
  /** the pool prefix the VNet blocks are carved from */
  ipv6Prefix: string;
  /** free VNet-sized blocks left in ipv6Prefix once the plan's allocations are made (a decimal integer) */
  freeBlocks: string;
  /** one per VNet that gets a new block: its static CIDR (existing: made by an earlier run, reused) */
  allocations: { vnetId: string; staticCidrId: string; prefix: string; existing: boolean }[];
}

export interface Plan {
  schemaVersion: 1;
  hubVnetId: string;
  ipv6Pool: string;
  /** true when no pool was configured and a ULA /48 was derived from the hub id */
  poolGenerated: boolean;
  vnets: VnetPlan[];
  /** topologically ordered: every step comes after its dependencies */
  steps: PlanStep[];
  blockers: Finding[];
  warnings: Finding[];
  manualActions: Finding[];
  /** set when the VNet blocks come from an AVNM IPAM pool (config ipamPoolId) instead of ipv6Pool */
  ipamPool?: IpamPoolPlan;
  /** /56 reservations the run must hold before writing (new VNets only; none when an IPAM pool gives the blocks) */
  reservations: { vnetId: string; prefix: string }[];
  /** set when the plan was limited to some VNets (event-driven reconcile): those, plus the hub side they need */
  onlyVnetIds?: string[];
  /** set on a rollback plan: its steps remove the IPv6 Dualstack added; its VNets' reservations are released after */
  rollback?: true;
}
