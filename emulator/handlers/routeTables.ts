import type { ResourceTypeSpec } from './ResourceTypeSpec';
import { resourceRoutes } from './resourceRoutes';

export const routeTableSpec: ResourceTypeSpec = {
  type: 'Microsoft.Network/routeTables',
  collection: 'routeTables',
  children: [{ property: 'routes', segment: 'routes', routable: true, operationName: 'PutRouteOperation' }],
  readOnly: ['properties.subnets'],
  operationName: 'PutRouteTableOperation',
};

export const routeTablesHandler = resourceRoutes(routeTableSpec);
