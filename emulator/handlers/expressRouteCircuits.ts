import { childArray, props } from '../store/subResources';
import type { ResourceTypeSpec } from './ResourceTypeSpec';
import { fillDefaults } from './fillDefaults';
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
    'properties.peerings[].properties.azureASN',
    'properties.peerings[].properties.primaryAzurePort',
    'properties.peerings[].properties.secondaryAzurePort',
    'properties.peerings[].properties.gatewayManagerEtag',
    'properties.peerings[].properties.lastModifiedBy',
    'properties.peerings[].properties.connections',
  ],
  operationName: 'PutExpressRouteCircuitOperation',
  prepare: ({ resource }) => {
    for (const peering of childArray(resource, 'peerings')) {
      // The peering's name is its type (AzurePrivatePeering, MicrosoftPeering); the ports are Microsoft's side.
      fillDefaults(props(peering), {
        peeringType: peering.name,
        state: 'Enabled',
        azureASN: 12076,
        primaryAzurePort: '',
        secondaryAzurePort: '',
        gatewayManagerEtag: '',
        lastModifiedBy: 'Customer',
      });
    }
  },
};

export const expressRouteCircuitsHandler = resourceRoutes(expressRouteCircuitSpec);
