/**
 * The planner's configuration. The JSON Schema next to this file
 * (dualStackConfig.schema.json) is the published form; parseConfig validates
 * against it and fills the defaults below.
 */
export type Ipv6NextHop =
  { address: string } | { loadBalancerFrontend: { loadBalancerId: string; frontendName?: string } } | 'auto';

export interface ExpressRouteConfig {
  circuitId: string;
  /** a /126 you own for the primary link */
  primaryPeerAddressPrefix: string;
  /** a /126 you own for the secondary link */
  secondaryPeerAddressPrefix: string;
}

export interface DualStackConfig {
  hubVnetId: string;
  scope: { subscriptions: string[]; resourceGroups?: string[] };
  /** a VNet or resource carrying this tag is left alone */
  exclusionTag: string;
  /** absent: a ULA /48 derived from the hub id (see derivePool) */
  ipv6Pool?: string;
  /**
   * An AVNM IPAM pool (`Microsoft.Network/networkManagers/{nm}/ipamPools/{pool}`): each VNet's block is a
   * static CIDR allocation of it instead of a Table reservation. Exclusive with ipv6Pool.
   */
  ipamPoolId?: string;
  /** per-VNet prefix length; subnets are always /64 */
  vnetPrefixLength: number;
  ipv6NextHop: Ipv6NextHop;
  /** IPv4 CIDR (outside Azure, e.g. on-premises) -> IPv6 CIDR */
  onPremisesPrefixMap: Record<string, string>;
  expressRoute?: ExpressRouteConfig;
  firewallSubnetIpv6: boolean;
  bastionSubnetIpv6: boolean;
  /** a NIC whose IPv4 ip configuration has a public IP: give its IPv6 configuration one too ('mirror') or not */
  publicIpv6: 'mirror' | 'none';
  approval: { required: boolean; timeoutMinutes: number };
  rollout: {
    maxParallelSpokes: number;
    canarySpokes: number;
    /** the spokes that go first, in this order (canarySpokes is then their count) */
    canaryVnetIds?: string[];
    abortAfterFailures: number;
    /** ARM writes in flight at once across the run (one kept for the hub lane) */
    maxParallelWrites: number;
  };
}

export const SUBNET_PREFIX_LENGTH = 64;

export const CONFIG_DEFAULTS = {
  exclusionTag: 'dualstack:skip',
  vnetPrefixLength: 56,
  ipv6NextHop: 'auto' as Ipv6NextHop,
  firewallSubnetIpv6: false,
  bastionSubnetIpv6: false,
  publicIpv6: 'none' as 'mirror' | 'none',
  approval: { required: true, timeoutMinutes: 1440 },
  rollout: { maxParallelSpokes: 4, canarySpokes: 1, abortAfterFailures: 2, maxParallelWrites: 20 },
} as const;
