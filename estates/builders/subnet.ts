import type { ChildResource, Identity } from './armEnvelope';
import { childResource, ref } from './armEnvelope';

export interface SubnetSpec {
  name: string;
  addressPrefix: string;
  networkSecurityGroupId?: string;
  routeTableId?: string;
}

export function subnet(vnet: Identity, spec: SubnetSpec): ChildResource {
  return childResource(vnet, 'subnets', spec.name, {
    addressPrefix: spec.addressPrefix,
    ...(spec.networkSecurityGroupId ? { networkSecurityGroup: ref(spec.networkSecurityGroupId) } : {}),
    ...(spec.routeTableId ? { routeTable: ref(spec.routeTableId) } : {}),
    delegations: [],
    privateEndpointNetworkPolicies: 'Disabled',
    privateLinkServiceNetworkPolicies: 'Enabled',
  });
}
