import type { ArmResource } from '../../src/arm/ArmResource';

/** Typed views of the ARM wire shapes the topology tests read (only the fields they use). */
export interface Ref {
  id: string;
}

export interface Child<P> {
  id: string;
  name: string;
  type?: string;
  properties: P;
}

export type Resource<P> = ArmResource & { properties: P; tags?: Record<string, string> };

export interface SubnetProps {
  addressPrefix: string;
  networkSecurityGroup?: Ref;
  routeTable?: Ref;
}

export interface PeeringProps {
  remoteVirtualNetwork: Ref;
  remoteAddressSpace: { addressPrefixes: string[] };
  allowGatewayTransit: boolean;
  useRemoteGateways: boolean;
  allowForwardedTraffic: boolean;
  peeringState: string;
  peeringSyncLevel: string;
}

export interface VnetProps {
  addressSpace: { addressPrefixes: string[] };
  subnets: Child<SubnetProps>[];
  virtualNetworkPeerings: Child<PeeringProps>[];
}

export interface IpConfigProps {
  privateIPAddress: string;
  privateIPAddressVersion?: string;
  primary?: boolean;
  subnet: Ref;
  publicIPAddress?: Ref;
  loadBalancerBackendAddressPools?: Ref[];
}

export interface NicProps {
  ipConfigurations: Child<IpConfigProps>[];
  enableIPForwarding: boolean;
}

export interface LbRuleProps {
  frontendIPConfiguration: Ref;
  backendAddressPool: Ref;
  probe: Ref;
  protocol: string;
  frontendPort: number;
  backendPort: number;
  idleTimeoutInMinutes: number;
  enableFloatingIP: boolean;
  disableOutboundSnat: boolean;
}

export interface LoadBalancerProps {
  frontendIPConfigurations: Child<IpConfigProps>[];
  backendAddressPools: Child<object>[];
  loadBalancingRules: Child<LbRuleProps>[];
  probes: Child<{ protocol: string; port: number }>[];
}

export interface RouteProps {
  addressPrefix: string;
  nextHopType: string;
  nextHopIpAddress?: string;
}

export interface RouteTableProps {
  disableBgpRoutePropagation: boolean;
  routes: Child<RouteProps>[];
}

export interface SecurityRuleProps {
  protocol: string;
  sourceAddressPrefix?: string;
  sourceAddressPrefixes?: string[];
  destinationAddressPrefix?: string;
  destinationAddressPrefixes?: string[];
}

export interface NsgProps {
  securityRules: Child<SecurityRuleProps>[];
}

/** Firewall, gateways and Bastion: what the tests read is their ip configurations. */
export interface HubServiceProps {
  gatewayType?: string;
  ipConfigurations: Child<IpConfigProps>[];
}

export interface CircuitProps {
  peerings: Child<{ peeringType: string; primaryPeerAddressPrefix: string; ipv6PeeringConfig?: object }>[];
}

export interface PublicIpProps {
  publicIPAddressVersion: string;
  publicIPAllocationMethod: string;
}
