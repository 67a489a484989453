import type { ResourceTypeSpec } from './ResourceTypeSpec';
import { resourceRoutes } from './resourceRoutes';

export const bastionHostSpec: ResourceTypeSpec = {
  type: 'Microsoft.Network/bastionHosts',
  collection: 'bastionHosts',
  children: [{ property: 'ipConfigurations', segment: 'bastionHostIpConfigurations' }],
  readOnly: [],
  operationName: 'PutBastionHostOperation',
};

export const bastionHostsHandler = resourceRoutes(bastionHostSpec);
