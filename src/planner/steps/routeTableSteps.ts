import type { ArmResource } from '../../arm/ArmResource';
import type { Ipv6Addition } from '../Plan';
import type { PlanContext } from '../PlanContext';
import { addStep, vnetStepId } from '../PlanContext';
import type { Json } from '../json';
import { nameOf, objs, props, str } from '../json';
import { canonicalPrefix, isIpv4Cidr, isIpv6 } from '../prefixes';
import { twinName } from './loadBalancerParts';
import { leftFailed, stepSummary } from './leftFailed';

/** Azure's per-table route limit. */
export const MAX_ROUTES = 400;

const ROUTES = ['properties', 'routes'];

const KEPT_NEXT_HOPS = new Set(['internet', 'none', 'vnetlocal']);

/**
 * Every IPv4 route gets an IPv6 twin `<name>-ipv6`: destination translated (see PrefixTranslator),
 * VirtualAppliance → the IPv6 next hop, Internet/None/VnetLocal kept. VirtualNetworkGateway and
 * anything untranslatable are manual actions naming the route. Routes an AVNM routing configuration
 * put in the table (`avnmDestinations`, canonical) are left to its rule collection.
 */
export function addRouteTableStep(
  ctx: PlanContext,
  table: ArmResource,
  tableKey: string,
  vnetKeys: string[],
  avnmDestinations?: Set<string>,
): void {
  const routes = objs(props(table).routes);
  const names = new Set(routes.map((r) => nameOf(r).toLowerCase()));
  const ipv6Destinations = new Set(
    routes
      .map((r) => str(props(r).addressPrefix) ?? '')
      .filter(isIpv6)
      .map(canonicalPrefix),
  );
  const additions: Ipv6Addition[] = [];
  const added: string[] = [];
  let usesNextHop = false;
  const manual = (route: Json, why: string, fix: string) =>
    ctx.manualActions.push({
      code: 'RouteNotTranslated',
      resourceId: `${table.id}/routes/${nameOf(route)}`,
      message: `route ${nameOf(route)} in ${table.name}: ${why}`,
      fix,
    });
  for (const route of routes) {
    const rp = props(route);
    const prefix = str(rp.addressPrefix) ?? '';
    const name = twinName(nameOf(route));
    if (!isIpv4Cidr(prefix) || names.has(name.toLowerCase())) continue;
    if (avnmDestinations?.has(canonicalPrefix(prefix))) continue;
    const hopType = str(rp.nextHopType) ?? '';
    if (hopType.toLowerCase() === 'virtualnetworkgateway') {
      manual(
        route,
        'next hop VirtualNetworkGateway is not allowed for IPv6 routes',
        'Let the spokes learn on-premises IPv6 over BGP (use remote gateways), or route via the IPv6 NVA by hand.',
      );
      continue;
    }
    const dest = ctx.translator.translate(prefix, 'vnet');
    if (dest.kind !== 'ipv6') {
      manual(
        route,
        dest.kind === 'fail' ? dest.reason : 'no IPv6 equivalent',
        'Add the IPv6 route by hand, or add the prefix to onPremisesPrefixMap.',
      );
      continue;
    }
    const properties: Json = { addressPrefix: dest.prefix, nextHopType: hopType };
    let hop = hopType;
    if (hopType.toLowerCase() === 'virtualappliance') {
      if (!ctx.nextHop) {
        manual(
          route,
          'no IPv6 next hop is known for the virtual appliance',
          'Configure ipv6NextHop, or deploy the hub IPv6 NVA load balancer.',
        );
        continue;
      }
      properties.nextHopIpAddress = ctx.nextHop.address;
      hop = ctx.nextHop.address;
      usesNextHop = true;
    } else if (!KEPT_NEXT_HOPS.has(hopType.toLowerCase())) {
      manual(route, `next hop type ${hopType} has no IPv6 equivalent`, 'Add the IPv6 route by hand.');
      continue;
    }
    const key = canonicalPrefix(dest.prefix);
    // Two IPv4 routes into one spoke translate to the same /56: one IPv6 route covers both.
    if (ipv6Destinations.has(key)) continue;
    ipv6Destinations.add(key);
    if (dest.vnetKey) ctx.referencedVnets.add(dest.vnetKey);
    additions.push({ op: 'addChild', path: ROUTES, value: { name, properties } });
    added.push(`${dest.prefix} → ${hop}`);
  }
  if (additions.length === 0 && !leftFailed(table)) return;
  if (routes.length + additions.length > MAX_ROUTES) {
    ctx.blockers.push({
      code: 'RouteTableFull',
      resourceId: table.id,
      message: `${table.name} would need ${routes.length + additions.length} routes; Azure allows ${MAX_ROUTES}`,
      fix: 'Summarise IPv4 routes or split the route table, then plan again.',
    });
    return;
  }
  addStep(ctx, {
    kind: 'routeTable',
    resource: table,
    resourceKey: tableKey,
    additions,
    dependsOn: [...vnetKeys.map((k) => vnetStepId(ctx, k)), usesNextHop ? ctx.nextHop?.stepId : undefined],
    vnetKeys,
    ipv6Prefixes: [],
    summary: stepSummary(
      `route table ${table.name}`,
      additions.length,
      () => `${added.length} IPv6 route${added.length === 1 ? '' : 's'} (${added.join('; ')})`,
    ),
  });
}
