import { inUseRouteTableCannotBeDeleted } from '../../src/arm/errors/commonErrors';
import { holdersOf } from '../store/backReferences';
import { props } from '../store/subResources';
import type { ResourceTypeSpec } from './ResourceTypeSpec';
import { associations } from './associations';
import { fillDefaults } from './fillDefaults';
import { resourceRoutes } from './resourceRoutes';

export const routeTableSpec: ResourceTypeSpec = {
  type: 'Microsoft.Network/routeTables',
  collection: 'routeTables',
  children: [{ property: 'routes', segment: 'routes', routable: true, operationName: 'PutRouteOperation' }],
  readOnly: ['properties.subnets'],
  operationName: 'PutRouteTableOperation',
  prepare: ({ resource }) => fillDefaults(props(resource), { disableBgpRoutePropagation: false }),
  decorate: (emulator, resource) => associations(emulator.store, resource, 'routeTable'),
  beforeDelete: (emulator, resource) => {
    const users = holdersOf(emulator.store, resource.id, 'routeTable');
    if (users.length > 0) throw inUseRouteTableCannotBeDeleted(resource.id, users);
  },
};

export const routeTablesHandler = resourceRoutes(routeTableSpec);
