import type { ResourceTypeSpec } from './ResourceTypeSpec';
import { resourceRoutes } from './resourceRoutes';

export const expressRouteCircuitSpec: ResourceTypeSpec = {
  type: 'Microsoft.Network/expressRouteCircuits',
  collection: 'expressRouteCircuits',
  children: [
    {
      property: 'peerings',
      segment: 'peerings',
      routable: true,
      operationName: 'PutExpressRouteCircuitPeeringOperation',
    },
    { property: 'authorizations', segment: 'authorizations', routable: true },
  ],
  readOnly: [
    'properties.serviceKey',
    'properties.peerings[].properties.lastModifiedBy',
    'properties.peerings[].properties.connections',
  ],
  operationName: 'PutExpressRouteCircuitOperation',
};

export const expressRouteCircuitsHandler = resourceRoutes(expressRouteCircuitSpec);
