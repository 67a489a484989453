import { holdersOf } from '../store/backReferences';
import { props } from '../store/subResources';
import type { ResourceTypeSpec } from './ResourceTypeSpec';
import { fillDefaults } from './fillDefaults';
import { resourceRoutes } from './resourceRoutes';

/**
 * NAT gateways: what discovery reads (SKU: Standard has no IPv6 egress, StandardV2 does) and
 * what subnets reference. Subnets are the gateway's back-references (`properties.subnets`,
 * read-only), filled from the VNets that name it as Azure shows them.
 */
export const natGatewaySpec: ResourceTypeSpec = {
  type: 'Microsoft.Network/natGateways',
  collection: 'natGateways',
  children: [],
  readOnly: ['properties.subnets'],
  operationName: 'PutNatGatewayOperation',
  prepare: ({ resource }) => {
    fillDefaults(props(resource), { idleTimeoutInMinutes: 4 });
    resource.sku ??= { name: 'Standard' };
  },
  decorate: (emulator, resource) => {
    const holders = holdersOf(emulator.store, resource.id, 'natGateway');
    return holders.length > 0
      ? { ...resource, properties: { ...resource.properties, subnets: holders.map((id) => ({ id })) } }
      : resource;
  },
};

export const natGatewaysHandler = resourceRoutes(natGatewaySpec);
