import type { ArmResource } from '../../arm/ArmResource';
import type { Json } from '../json';

export interface SubnetInfo {
  key: string;
  id: string;
  name: string;
  /** position in the VNet's subnets array: the /64 slot it prefers */
  index: number;
  vnetKey: string;
  body: Json;
  ipv4: string[];
  ipv6: string[];
  nsgId?: string;
  routeTableId?: string;
}

export interface PeeringInfo {
  id: string;
  name: string;
  remoteKey?: string;
  body: Json;
}

export interface VnetInfo {
  key: string;
  resource: ArmResource;
  ipv4: string[];
  ipv6: string[];
  subnets: SubnetInfo[];
  peerings: PeeringInfo[];
}

export interface NicIpConfig {
  name: string;
  body: Json;
  ipv6: boolean;
  primary: boolean;
  /** the subnet reference as written */
  subnetId?: string;
  subnetKey?: string;
  /** the subnet it names, when that is observed */
  subnet?: SubnetInfo;
  /** lower-cased ids of the backend pools it joins */
  poolKeys: string[];
}

export interface NicInfo {
  key: string;
  resource: ArmResource;
  ipConfigs: NicIpConfig[];
  nsgId?: string;
}

/** Every resource by lower-cased id, plus the joins the planner needs, built in one pass. */
export interface EstateIndex {
  vnets: Map<string, VnetInfo>;
  subnets: Map<string, SubnetInfo>;
  nics: NicInfo[];
  /** subnet key -> NICs whose ip configurations sit in it */
  nicsBySubnet: Map<string, NicInfo[]>;
  /** backend pool key -> NICs whose ip configurations join it */
  nicsByPool: Map<string, NicInfo[]>;
  /** sorted by lower-cased id */
  loadBalancers: ArmResource[];
  routeTables: Map<string, ArmResource>;
  networkSecurityGroups: Map<string, ArmResource>;
  expressRouteCircuits: ArmResource[];
  virtualNetworkGateways: ArmResource[];
  /** by lower-cased id */
  publicIpAddresses: Map<string, ArmResource>;
  /** by lower-cased id (read for their SKU: only StandardV2 carries IPv6) */
  natGateways: Map<string, ArmResource>;
  /** Private DNS zones, their virtual network links and their A and AAAA record sets, in input order */
  privateDns: { zones: ArmResource[]; links: ArmResource[]; recordSets: ArmResource[] };
  /** Azure Virtual Network Manager resources (managers, configurations, groups, members, rules), in input order */
  avnm: ArmResource[];
}
