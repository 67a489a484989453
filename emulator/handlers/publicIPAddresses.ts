import { holdersOf } from '../store/backReferences';
import type { ResourceTypeSpec } from './ResourceTypeSpec';
import { resourceRoutes } from './resourceRoutes';

export const publicIPAddressSpec: ResourceTypeSpec = {
  type: 'Microsoft.Network/publicIPAddresses',
  collection: 'publicIPAddresses',
  children: [],
  readOnly: ['properties.ipConfiguration'],
  operationName: 'PutPublicIpAddressOperation',
  decorate: (emulator, resource) => {
    const [holder] = holdersOf(emulator.store, resource.id, 'publicIPAddress');
    return holder
      ? { ...resource, properties: { ...resource.properties, ipConfiguration: { id: holder } } }
      : resource;
  },
};

export const publicIPAddressesHandler = resourceRoutes(publicIPAddressSpec);
