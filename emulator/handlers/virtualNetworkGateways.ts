import type { ResourceTypeSpec } from './ResourceTypeSpec';
import { resourceRoutes } from './resourceRoutes';

export const virtualNetworkGatewaySpec: ResourceTypeSpec = {
  type: 'Microsoft.Network/virtualNetworkGateways',
  collection: 'virtualNetworkGateways',
  children: [{ property: 'ipConfigurations', segment: 'ipConfigurations' }],
  readOnly: ['properties.inboundDnsForwardingEndpoint'],
  operationName: 'PutVirtualNetworkGatewayOperation',
};

export const virtualNetworkGatewaysHandler = resourceRoutes(virtualNetworkGatewaySpec);
