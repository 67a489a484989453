/**
 * Names and prefixes of a hub-and-spoke estate, as plain data. The builders turn
 * a layout into ARM resources; the reference topology and the estate generator
 * only differ in the layout they feed them, and the Bicep sample is compared
 * against the reference layout.
 */

export interface RouteLayout {
  name: string;
  addressPrefix: string;
  nextHopType: 'VirtualAppliance' | 'VirtualNetworkGateway' | 'VnetLocal' | 'Internet' | 'None';
  nextHopIpAddress?: string;
}

export interface RouteTableLayout {
  name: string;
  /** Resource group the table lives in; the hub's or the spoke's when absent. */
  resourceGroup?: string;
  disableBgpRoutePropagation: boolean;
  routes: RouteLayout[];
}

/** A route table reference from a subnet: by name in the same resource group, or elsewhere. */
export interface RouteTableRef {
  name: string;
  resourceGroup?: string;
}

export interface PublicIpLayout {
  name: string;
  ipAddress: string;
}

export interface NicLayout {
  name: string;
  /** The VM the NIC is attached to (Microsoft.Compute, not part of the topology). */
  virtualMachine: string;
  /** The first address is the primary ip configuration; any more are secondary IPv4 configurations. */
  privateIPAddresses: string[];
  /** A Standard static public IP on the primary ip configuration (a VM reached directly from the internet). */
  publicIp?: PublicIpLayout;
}

export interface SpokeSubnetLayout {
  name: string;
  addressPrefix: string;
  networkSecurityGroup: string;
  routeTable: RouteTableRef;
  nics: NicLayout[];
}

export interface InternalLoadBalancerLayout {
  name: string;
  /** Subnet (by name, in the same VNet) of the IPv4 frontend. */
  subnet: string;
  frontendIPAddress: string;
}

/**
 * A Standard public load balancer: one frontend on its own Standard static IPv4 public IP, one pool
 * with the primary ip configurations of the NICs in `backendSubnets`, one probe and rule.
 */
export interface PublicLoadBalancerLayout {
  name: string;
  publicIp: PublicIpLayout;
  /** Subnets (by name, in the same VNet) whose NICs serve it. */
  backendSubnets: string[];
}

export interface SpokeLayout {
  environment: 'Production' | 'NonProduction';
  resourceGroup: string;
  vnet: string;
  addressPrefix: string;
  subnets: SpokeSubnetLayout[];
  /** Route tables created in this spoke's resource group (subnets may also point at another spoke's). */
  routeTables: RouteTableLayout[];
  loadBalancer?: InternalLoadBalancerLayout;
  publicLoadBalancer?: PublicLoadBalancerLayout;
  peerings: { fromHub: string; toHub: string };
}

export interface HubSubnetLayout {
  name: string;
  addressPrefix: string;
  networkSecurityGroup?: string;
  routeTable?: string;
}

export interface HubLayout {
  resourceGroup: string;
  vnet: string;
  addressPrefix: string;
  subnets: {
    bastion: HubSubnetLayout;
    firewall: HubSubnetLayout;
    gateway: HubSubnetLayout;
    nva: HubSubnetLayout;
  };
  routeTables: RouteTableLayout[];
  firewall: { name: string; privateIPAddress: string; publicIp: PublicIpLayout };
  bastion: { name: string; publicIp: PublicIpLayout };
  expressRouteGateway: { name: string; sku: string; publicIp: PublicIpLayout };
  vpnGateway: { name: string; sku: string; asn: number; publicIp: PublicIpLayout };
  expressRouteCircuit: {
    name: string;
    serviceProvider: string;
    peeringLocation: string;
    bandwidthInMbps: number;
    peerASN: number;
    vlanId: number;
    primaryPeerAddressPrefix: string;
    secondaryPeerAddressPrefix: string;
  };
  nva: {
    loadBalancer: { name: string; frontendIPAddress: string };
    nics: NicLayout[];
  };
}

/** A Private DNS zone linked to spokes (by VNet name), with the A records VMs registered or people wrote. */
export interface PrivateDnsZoneLayout {
  resourceGroup: string;
  zoneName: string;
  links: { name: string; vnet: string; registrationEnabled: boolean }[];
  aRecords: { name: string; ipv4Addresses: string[]; ttl: number; autoRegistered?: boolean }[];
}

/**
 * An Azure Virtual Network Manager whose committed hub-and-spoke configuration connects `spokes` (VNet
 * names, static members of its one group) to the hub; those spokes' peering names are AVNM's (ANM_...).
 */
export interface NetworkManagerLayout {
  resourceGroup: string;
  name: string;
  networkGroup: string;
  connectivityConfiguration: string;
  spokes: string[];
  groupConnectivity: 'None' | 'DirectlyConnected';
}

export interface EstateLayout {
  location: string;
  /** The on-premises range reached over ExpressRoute/VPN; NSG rules and routes name it. */
  onPremisesPrefix: string;
  hub: HubLayout;
  spokes: SpokeLayout[];
  privateDnsZones?: PrivateDnsZoneLayout[];
  networkManagers?: NetworkManagerLayout[];
}
