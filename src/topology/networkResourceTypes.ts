/**
 * The Microsoft.Network types whose structure the loader knows: canonical type
 * casing (Resource Graph lower-cases types) and the inline child collections,
 * each with the id segments its children may carry. A few collections list
 * children whose ids use another segment (a firewall's `ipConfigurations` have
 * ids under `azureFirewallIpConfigurations`).
 */
export interface NetworkTypeInfo {
  type: string;
  children: Readonly<Record<string, readonly string[]>>;
}

const TYPES: NetworkTypeInfo[] = [
  {
    type: 'Microsoft.Network/virtualNetworks',
    children: { subnets: ['subnets'], virtualNetworkPeerings: ['virtualNetworkPeerings'] },
  },
  { type: 'Microsoft.Network/networkInterfaces', children: { ipConfigurations: ['ipConfigurations'] } },
  {
    type: 'Microsoft.Network/loadBalancers',
    children: {
      frontendIPConfigurations: ['frontendIPConfigurations'],
      backendAddressPools: ['backendAddressPools'],
      loadBalancingRules: ['loadBalancingRules'],
      probes: ['probes'],
      inboundNatRules: ['inboundNatRules'],
      inboundNatPools: ['inboundNatPools'],
      outboundRules: ['outboundRules'],
    },
  },
  { type: 'Microsoft.Network/routeTables', children: { routes: ['routes'] } },
  {
    type: 'Microsoft.Network/networkSecurityGroups',
    children: { securityRules: ['securityRules'], defaultSecurityRules: ['defaultSecurityRules'] },
  },
  { type: 'Microsoft.Network/publicIPAddresses', children: {} },
  { type: 'Microsoft.Network/natGateways', children: {} },
  {
    type: 'Microsoft.Network/azureFirewalls',
    children: {
      ipConfigurations: ['azureFirewallIpConfigurations', 'ipConfigurations'],
      applicationRuleCollections: ['applicationRuleCollections'],
      natRuleCollections: ['natRuleCollections'],
      networkRuleCollections: ['networkRuleCollections'],
    },
  },
  { type: 'Microsoft.Network/virtualNetworkGateways', children: { ipConfigurations: ['ipConfigurations'] } },
  {
    type: 'Microsoft.Network/bastionHosts',
    children: { ipConfigurations: ['bastionHostIpConfigurations', 'ipConfigurations'] },
  },
  {
    type: 'Microsoft.Network/expressRouteCircuits',
    children: { peerings: ['peerings'], authorizations: ['authorizations'] },
  },
];

/** Where a child type lives inside its parent, e.g. subnets inside a VNet's `properties.subnets`. */
export interface ChildTypeInfo {
  parentType: string;
  collection: string;
}

const BY_KEY = new Map<string, NetworkTypeInfo>(TYPES.map((t) => [t.type.toLowerCase(), t]));
const CHILD_TYPES = new Map<string, ChildTypeInfo & { type: string }>();
for (const parent of TYPES) {
  for (const [collection, segments] of Object.entries(parent.children)) {
    for (const segment of segments) {
      const type = `${parent.type}/${segment}`;
      CHILD_TYPES.set(type.toLowerCase(), { type, parentType: parent.type, collection });
    }
  }
}

export function networkTypeInfo(type: string): NetworkTypeInfo | undefined {
  return BY_KEY.get(type.toLowerCase());
}

export function childTypeInfo(type: string): (ChildTypeInfo & { type: string }) | undefined {
  return CHILD_TYPES.get(type.toLowerCase());
}

/** The canonical casing of a known type, or the type as given. */
export function canonicalType(type: string): string {
  return networkTypeInfo(type)?.type ?? childTypeInfo(type)?.type ?? type;
}
