import { childTypeInfo, networkTypeInfo } from './networkResourceTypes';

/**
 * What an address field may hold:
 * - `prefix`: a CIDR with no host bits (address spaces, subnets, peer prefixes);
 * - `routePrefix`: a prefix or a service tag (UDRs accept tags);
 * - `ip`: a bare address; `ipOrPrefix`: either (NIC configurations may carry a prefix);
 * - `nsgPrefix`: `*`, a service tag, an address or a CIDR.
 */
export type AddressKind = 'prefix' | 'routePrefix' | 'ip' | 'ipOrPrefix' | 'nsgPrefix';

export interface AddressField {
  /** Path segments; '*' walks every element of an array. */
  path: readonly string[];
  kind: AddressKind;
}

const SUBNET = ['properties.addressPrefix', 'properties.addressPrefixes[*]'];
const PEERING = [
  'properties.remoteAddressSpace.addressPrefixes[*]',
  'properties.remoteVirtualNetworkAddressSpace.addressPrefixes[*]',
];
const NSG_RULE = [
  'properties.sourceAddressPrefix',
  'properties.sourceAddressPrefixes[*]',
  'properties.destinationAddressPrefix',
  'properties.destinationAddressPrefixes[*]',
];
const ER_PEERING = [
  'properties.primaryPeerAddressPrefix',
  'properties.secondaryPeerAddressPrefix',
  'properties.ipv6PeeringConfig.primaryPeerAddressPrefix',
  'properties.ipv6PeeringConfig.secondaryPeerAddressPrefix',
];

function under(collection: string, paths: string[]): string[] {
  return paths.map((p) => `properties.${collection}[*].${p}`);
}

/** Field paths per top-level type; child types get theirs by stripping the collection prefix. */
const SPECS: Record<string, [AddressKind, string[]][]> = {
  'microsoft.network/virtualnetworks': [
    [
      'prefix',
      [
        'properties.addressSpace.addressPrefixes[*]',
        ...under('subnets', SUBNET),
        ...under('virtualNetworkPeerings', PEERING),
      ],
    ],
  ],
  'microsoft.network/routetables': [
    ['routePrefix', under('routes', ['properties.addressPrefix'])],
    ['ip', under('routes', ['properties.nextHopIpAddress'])],
  ],
  'microsoft.network/networksecuritygroups': [
    ['nsgPrefix', [...under('securityRules', NSG_RULE), ...under('defaultSecurityRules', NSG_RULE)]],
  ],
  'microsoft.network/networkinterfaces': [
    ['ipOrPrefix', under('ipConfigurations', ['properties.privateIPAddress'])],
  ],
  'microsoft.network/loadbalancers': [
    ['ip', under('frontendIPConfigurations', ['properties.privateIPAddress'])],
  ],
  'microsoft.network/azurefirewalls': [['ip', under('ipConfigurations', ['properties.privateIPAddress'])]],
  'microsoft.network/publicipaddresses': [['ip', ['properties.ipAddress']]],
  'microsoft.network/expressroutecircuits': [['prefix', under('peerings', ER_PEERING)]],
};

function parsePath(path: string): string[] {
  return path.split('.').flatMap((part) => (part.endsWith('[*]') ? [part.slice(0, -3), '*'] : [part]));
}

const TOP_LEVEL = new Map<string, AddressField[]>(
  Object.entries(SPECS).map(([type, groups]) => [
    type,
    groups.flatMap(([kind, paths]) => paths.map((p) => ({ path: parsePath(p), kind }))),
  ]),
);

/** The address fields of a resource type, for top-level and child types alike (a subnet exported on its own). */
export function addressFieldsOf(type: string): readonly AddressField[] {
  if (networkTypeInfo(type)) return TOP_LEVEL.get(type.toLowerCase()) ?? [];
  const child = childTypeInfo(type);
  if (!child) return [];
  const parentFields = TOP_LEVEL.get(child.parentType.toLowerCase()) ?? [];
  return parentFields
    .filter((f) => f.path[0] === 'properties' && f.path[1] === child.collection && f.path[2] === '*')
    .map((f) => ({ path: f.path.slice(3), kind: f.kind }));
}
