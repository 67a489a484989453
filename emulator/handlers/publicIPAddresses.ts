import type { ResourceTypeSpec } from './ResourceTypeSpec';
import { resourceRoutes } from './resourceRoutes';

export const publicIPAddressSpec: ResourceTypeSpec = {
  type: 'Microsoft.Network/publicIPAddresses',
  collection: 'publicIPAddresses',
  children: [],
  readOnly: ['properties.ipConfiguration'],
  operationName: 'PutPublicIpAddressOperation',
};

export const publicIPAddressesHandler = resourceRoutes(publicIPAddressSpec);
