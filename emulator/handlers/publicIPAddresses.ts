import { publicIpAddressCannotBeDeleted } from '../../src/arm/errors/publicIpAddressErrors';
import { holdersOf } from '../store/backReferences';
import { props } from '../store/subResources';
import { fillDefaults } from './fillDefaults';
import type { ResourceTypeSpec } from './ResourceTypeSpec';
import { resourceRoutes } from './resourceRoutes';

export const publicIPAddressSpec: ResourceTypeSpec = {
  type: 'Microsoft.Network/publicIPAddresses',
  collection: 'publicIPAddresses',
  children: [],
  readOnly: ['properties.ipConfiguration'],
  operationName: 'PutPublicIpAddressOperation',
  // Azure echoes the default version (azure-cli recording test_network_lb_zone).
  prepare: ({ resource }) => fillDefaults(props(resource), { publicIPAddressVersion: 'IPv4' }),
  beforeDelete: (emulator, resource) => {
    const [holder] = holdersOf(emulator.store, resource.id, 'publicIPAddress');
    if (holder) throw publicIpAddressCannotBeDeleted(resource.id, holder);
  },
  decorate: (emulator, resource) => {
    const [holder] = holdersOf(emulator.store, resource.id, 'publicIPAddress');
    return holder
      ? { ...resource, properties: { ...resource.properties, ipConfiguration: { id: holder } } }
      : resource;
  },
};

export const publicIPAddressesHandler = resourceRoutes(publicIPAddressSpec);
