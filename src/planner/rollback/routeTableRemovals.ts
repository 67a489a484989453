import type { SubnetInfo } from '../discovery/EstateIndex';
import { keyOf } from '../ids';
import { nameOf, objs, props, str } from '../json';
import type { Ipv6Removal } from '../Plan';
import { canonicalPrefix, isIpv6 } from '../prefixes';
import { frontendsOf } from '../steps/loadBalancerParts';
import { isTwinOf } from './ownership';
import type { RollbackContext } from './RollbackContext';
import { addRemovalStep, keepsIpv6, pushTo, vnetIdsOf } from './RollbackContext';

/** Canonical /128s of the IPv6 load balancer frontends (the NVA's) that go with their subnets. */
export function removedFrontendAddresses(ctx: RollbackContext): Set<string> {
  const addresses = new Set<string>();
  for (const lb of ctx.index.loadBalancers)
    for (const f of frontendsOf(lb))
      if (f.ipv6 && f.subnetKey && ctx.strippedSubnets.has(f.subnetKey) && f.privateIPAddress)
        addresses.add(canonicalPrefix(`${f.privateIPAddress}/128`));
  return addresses;
}

/** route table key -> the subnets it is associated with */
function routeTableUsers(ctx: RollbackContext): Map<string, SubnetInfo[]> {
  const users = new Map<string, SubnetInfo[]>();
  for (const s of ctx.index.subnets.values()) {
    if (s.routeTableId) pushTo(users, keyOf(s.routeTableId), s);
  }
  return users;
}

/**
 * A route table loses its IPv6 twin routes when no subnet using it keeps IPv6, or a route's
 * next hop is a frontend that goes, or its prefix lies in a /56 that goes. Records in `hopUsers`
 * which steps stop using each next hop, for the load balancer steps.
 */
export function addRouteTableRemovals(ctx: RollbackContext): void {
  const deadHops = removedFrontendAddresses(ctx);
  const usersOf = routeTableUsers(ctx);
  for (const [key, table] of [...ctx.index.routeTables].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
    const users = usersOf.get(key) ?? [];
    const unused = !users.some((s) => keepsIpv6(ctx, s));
    const routes = objs(props(table).routes);
    const names = routes.map(nameOf);
    const removals: Ipv6Removal[] = [];
    const prefixes: string[] = [];
    const hops = new Set<string>();
    for (const route of routes) {
      const rp = props(route);
      const prefix = str(rp.addressPrefix) ?? '';
      if (!isIpv6(prefix) || !isTwinOf(nameOf(route), names)) continue;
      const hop = str(rp.nextHopIpAddress);
      const deadHop = hop !== undefined && deadHops.has(canonicalPrefix(`${hop}/128`));
      if (unused || deadHop || ctx.removedBlocks.has(prefix)) {
        removals.push({ op: 'removeChild', path: ['properties', 'routes'], name: nameOf(route) });
        prefixes.push(prefix);
        if (hop !== undefined) hops.add(canonicalPrefix(`${hop}/128`));
      }
    }
    if (removals.length === 0) continue;
    const step = addRemovalStep(ctx, {
      kind: 'routeTable',
      resource: table,
      removals,
      dependsOn: [],
      vnetIds: vnetIdsOf(ctx, users),
      ipv6Prefixes: prefixes,
    });
    for (const hop of hops) pushTo(ctx.hopUsers, hop, step.id);
  }
}
