import type { ArmResource } from '../../src/arm/ArmResource';
import type { RouteTableLayout } from '../TopologyLayout';
import type { BuildContext } from './BuildContext';
import { armResource, childResource, identity } from './armEnvelope';

export function routeTable(ctx: BuildContext, resourceGroup: string, layout: RouteTableLayout): ArmResource {
  const who = identity(ctx, resourceGroup, 'routeTables', layout.name);
  return armResource(ctx, who, {
    disableBgpRoutePropagation: layout.disableBgpRoutePropagation,
    routes: layout.routes.map((route) =>
      childResource(who, 'routes', route.name, {
        addressPrefix: route.addressPrefix,
        nextHopType: route.nextHopType,
        ...(route.nextHopIpAddress ? { nextHopIpAddress: route.nextHopIpAddress } : {}),
      }),
    ),
  });
}
