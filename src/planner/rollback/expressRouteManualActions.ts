import { nameOf, objs, props } from '../json';
import type { RollbackContext } from './RollbackContext';

/** When the hub goes back, ExpressRoute IPv6 private peerings stay: a person decides about those. */
export function addExpressRouteManualActions(ctx: RollbackContext): void {
  if (!ctx.rollbacks.some((r) => r.vnet.key === ctx.hub.key)) return;
  for (const circuit of ctx.index.expressRouteCircuits)
    for (const peering of objs(props(circuit).peerings))
      if (props(peering).ipv6PeeringConfig)
        ctx.manualActions.push({
          code: 'ExpressRouteIpv6Kept',
          resourceId: `${circuit.id}/peerings/${nameOf(peering)}`,
          message: `${circuit.name} keeps its IPv6 private peering: removing it changes what on-premises routers see`,
          fix: 'Remove ipv6PeeringConfig from the peering with your network team, if it is no longer wanted.',
        });
}
