import type { ArmResource } from '../../arm/ArmResource';
import { ipVersionField } from '../../arm/ipVersionField';
import { parentResourceId } from '../../arm/resourceId';
import type { SubnetInfo } from '../discovery/EstateIndex';
import { keyOf } from '../ids';
import type { Json } from '../json';
import { nameOf, objs, props, refId, str } from '../json';
import type { PlanStep } from '../Plan';
import type { PlanContext } from '../PlanContext';
import { stepIdOf } from '../PlanContext';
import { canonicalPrefix } from '../prefixes';
import type { AvnmCollection, AvnmEstate } from './avnmEstate';
import { deployedRegions, regionKey } from './avnmEstate';
import { frontendsOf, rulesOf } from './loadBalancerParts';
import { isIpv6PublicIp } from './publicIpSteps';

/** A subnet's default route to a virtual appliance, as its route table holds it after the plan. */
interface DefaultRoute {
  name: string;
  table: string;
  nextHop: string;
  /** this plan adds it */
  planned: boolean;
}

/** A subnet's default routes to an appliance: the IPv6 one, and the IPv4 one's next hop. */
type DefaultRoutes = { ipv6?: DefaultRoute; ipv4?: string };

/** The subnets whose replies leave through the NVA, and whether this plan creates that situation. */
interface ReturnPath {
  subnets: SubnetInfo[];
  routes: DefaultRoute[];
  /** the IPv4 default route of the same tables, when it also goes to an appliance */
  ipv4Hops: string[];
}

function defaultRouteToAppliance(table: ArmResource, prefix: string): Json | undefined {
  return objs(props(table).routes).find((r) => {
    const rp = props(r);
    const p = str(rp.addressPrefix);
    return (
      p !== undefined &&
      canonicalPrefix(p) === prefix &&
      str(rp.nextHopType)?.toLowerCase() === 'virtualappliance'
    );
  });
}

/** An AVNM routing rule's destination and next hop, read as a route's (AVNM nests them one level deeper). */
function asRoute(rule: ArmResource): Json {
  const p = props(rule);
  const destination = props({ properties: p.destination });
  const hop = props({ properties: p.nextHop });
  return {
    name: rule.name,
    properties: {
      addressPrefix: destination.destinationAddress,
      nextHopType: hop.nextHopType,
      nextHopIpAddress: hop.nextHopAddress,
    },
  };
}

/**
 * The default routes AVNM's routing configurations give a subnet. AVNM's routes win over the subnet's own
 * table: with ManagedOnly it moves the subnet onto a table it manages, with UseExisting it writes them into
 * the subnet's table. A collection counts where its configuration is deployed in the VNet's region (or the
 * estate doesn't say); the IPv6 twins this plan adds are counted too, because the plan commits them.
 */
function avnmDefaultRoutes(
  ctx: PlanContext,
  estate: AvnmEstate,
  defaultsOf: (c: AvnmCollection) => DefaultRoutes,
  subnet: SubnetInfo,
): DefaultRoutes {
  const location = ctx.index.vnets.get(subnet.vnetKey)?.resource.location;
  const applies = (c: AvnmCollection): boolean => {
    if (c.configuration.kind !== 'Routing') return false;
    const reaches = c.groupKeys.some((g) => {
      const m = estate.members.get(g);
      return (m?.vnets.includes(subnet.vnetKey) ?? false) || (m?.subnets.includes(subnet.key) ?? false);
    });
    const deployed = deployedRegions(estate, c.configuration);
    return reaches && (!deployed || (location !== undefined && deployed.has(regionKey(location))));
  };
  const found: DefaultRoutes = {};
  for (const c of estate.collections.filter(applies)) {
    const { ipv6, ipv4 } = defaultsOf(c);
    if (ipv6 && !found.ipv6) found.ipv6 = ipv6;
    if (ipv4 !== undefined && found.ipv4 === undefined) found.ipv4 = ipv4;
  }
  return found;
}

/** The default routes to an appliance that an AVNM rule collection holds once this plan's twins are in it. */
function collectionDefaultRoutes(c: AvnmCollection, planned: readonly ArmResource[]): DefaultRoutes {
  const table = { id: c.resource.id, name: '', type: '', properties: {} };
  return defaultRoutes(
    { ...table, properties: { routes: c.rules.map(asRoute) } },
    { ...table, properties: { routes: [...c.rules, ...planned].map(asRoute) } },
    `AVNM rule collection ${c.resource.name}`,
  );
}

/** The default routes to an appliance in a route table as the plan leaves it (`after`), named as `where`. */
function defaultRoutes(before: ArmResource, after: ArmResource, where: string): DefaultRoutes {
  const v6 = defaultRouteToAppliance(after, '::/0');
  const v4 = defaultRouteToAppliance(after, '0.0.0.0/0');
  return {
    ...(v6
      ? {
          ipv6: {
            name: nameOf(v6),
            table: where,
            nextHop: str(props(v6).nextHopIpAddress) ?? 'the NVA',
            planned: !defaultRouteToAppliance(before, '::/0'),
          },
        }
      : {}),
    ...(v4 ? { ipv4: str(props(v4).nextHopIpAddress) ?? 'an appliance' } : {}),
  };
}

/**
 * Inbound IPv6 from the internet to a public IP in a spoke returns through that subnet's `::/0` route to
 * the IPv6 NVA pool: the NVA sees only the return leg. Azure documents the same asymmetry for a public
 * load balancer behind a default route to Azure Firewall, which drops the replies because it is stateful
 * (learn.microsoft.com/azure/firewall/integrate-lb). The guide asks for NVA vendors' guidance on traffic
 * symmetry. A route for the replies alone is impossible: they go to every client on the internet, which
 * `::/0` already sends to the NVA. So each public load balancer frontend and NIC public IP that carries
 * IPv6 after the plan, with members in such a subnet, gets a warning naming the fixes that work.
 */
export function warnAsymmetricPublicIpv6(ctx: PlanContext, avnm: AvnmEstate): void {
  // Most estates have few public IPs: look no further (nor index steps) when there is none.
  const publicLbs = ctx.index.loadBalancers.filter((lb) =>
    objs(props(lb).frontendIPConfigurations).some((f) => refId(props(f).publicIPAddress)),
  );
  const publicNics = ctx.index.nics.filter((nic) =>
    nic.ipConfigs.some((c) => refId(props(c.body).publicIPAddress)),
  );
  if (publicLbs.length === 0 && publicNics.length === 0) return;
  const stepped = new Map<string, PlanStep>();
  for (const s of ctx.steps)
    if (s.kind === 'routeTable' || s.kind === 'loadBalancer' || s.kind === 'networkInterface')
      stepped.set(s.id, s);
  const after = (kind: PlanStep['kind'], resource: ArmResource): ArmResource =>
    stepped.get(stepIdOf(kind, resource.id))?.desired ?? resource;
  // collection key -> the AVNM routing rules this plan creates in it
  const plannedRules = new Map<string, ArmResource[]>();
  for (const s of ctx.steps)
    if (s.kind === 'avnmRoutingRule') {
      const collection = keyOf(parentResourceId(s.desired.id, 3));
      plannedRules.set(collection, [...(plannedRules.get(collection) ?? []), s.desired]);
    }
  // Each collection is read once, whichever subnets it reaches.
  const collectionRoutes = new Map<string, DefaultRoutes>();
  const defaultsOf = (c: AvnmCollection): DefaultRoutes => {
    const known = collectionRoutes.get(c.key);
    if (known) return known;
    const found = collectionDefaultRoutes(c, plannedRules.get(c.key) ?? []);
    collectionRoutes.set(c.key, found);
    return found;
  };
  const routes = new Map<string, DefaultRoutes>();
  const routeOf = (subnet: SubnetInfo): DefaultRoutes => {
    if (!ctx.subnetIpv6.has(subnet.key) || ctx.blocked.has(subnet.vnetKey)) return {};
    const managed = avnm.collections.length > 0 ? avnmDefaultRoutes(ctx, avnm, defaultsOf, subnet) : {};
    if (managed.ipv6) return managed;
    const tableId = subnet.routeTableId;
    const table = tableId ? ctx.index.routeTables.get(keyOf(tableId)) : undefined;
    if (!table) return {};
    const known = routes.get(keyOf(table.id));
    if (known) return known;
    const found = defaultRoutes(table, after('routeTable', table), table.name);
    routes.set(keyOf(table.id), found);
    return found;
  };
  const returnPath = (subnets: Iterable<SubnetInfo>): ReturnPath => {
    const out: ReturnPath = { subnets: [], routes: [], ipv4Hops: [] };
    for (const s of subnets) {
      const { ipv6, ipv4 } = routeOf(s);
      if (!ipv6 || out.subnets.includes(s)) continue;
      out.subnets.push(s);
      if (!out.routes.some((r) => r.table === ipv6.table)) out.routes.push(ipv6);
      if (ipv4 && !out.ipv4Hops.includes(ipv4)) out.ipv4Hops.push(ipv4);
    }
    return out;
  };
  const twinIds = new Set<string>();
  for (const twin of ctx.publicIpTwins.values()) if (twin) twinIds.add(keyOf(twin.id));
  const isIpv6Public = (id: string | undefined): boolean =>
    id !== undefined &&
    (twinIds.has(keyOf(id)) || isIpv6PublicIp(ctx.index.publicIpAddresses.get(keyOf(id))));

  // IPv6 pool twin key -> the IPv4 pool whose members join it (planned twins have no members yet)
  const ipv4PoolOf = new Map<string, string>();
  for (const [ipv4Key, twin] of ctx.poolTwins) ipv4PoolOf.set(keyOf(twin.id), ipv4Key);
  for (const lb of publicLbs) {
    const body = after('loadBalancer', lb);
    const frontends = frontendsOf(body).filter((f) => f.isPublic && isIpv6Public(f.publicIpId));
    if (frontends.length === 0) continue;
    const keys = new Set(frontends.map((f) => f.key));
    const subnets = new Set<SubnetInfo>();
    for (const rule of rulesOf(body))
      if (rule.frontendKey && keys.has(rule.frontendKey))
        for (const pool of rule.poolKeys)
          for (const k of [pool, ipv4PoolOf.get(pool)])
            for (const nic of k ? (ctx.index.nicsByPool.get(k) ?? []) : [])
              for (const c of nic.ipConfigs) if (c.subnet) subnets.add(c.subnet);
    const path = returnPath(subnets);
    const changed = stepped.has(stepIdOf('loadBalancer', lb.id)) || path.routes.some((r) => r.planned);
    if (path.subnets.length === 0 || !changed) continue;
    const names = frontends.map((f) => f.name).join(', ');
    ctx.warnings.push({
      code: 'PublicIpv6ReturnViaNva',
      resourceId: lb.id,
      message: `public load balancer ${lb.name}: internet clients reach its IPv6 frontend ${names} directly, but replies from its backends in ${describe(path)}${ASYMMETRIC}${ipv4Note(path)}`,
      fix: `${FIX} Until then, exclude ${lb.name} with the exclusion tag to keep it IPv4-only.`,
    });
  }
  for (const nic of publicNics) {
    const body = after('networkInterface', nic.resource);
    const subnets: SubnetInfo[] = [];
    const publicIps: string[] = [];
    for (const c of objs(props(body).ipConfigurations)) {
      const cp = props(c);
      const publicIp = refId(cp.publicIPAddress);
      const subnetId = refId(cp.subnet);
      const subnet = subnetId ? ctx.index.subnets.get(keyOf(subnetId)) : undefined;
      if (ipVersionField(cp.privateIPAddressVersion) !== 'IPv6' || !publicIp || !subnet) continue;
      subnets.push(subnet);
      publicIps.push(publicIp.split('/').pop() ?? publicIp);
    }
    const path = returnPath(subnets);
    const changed =
      stepped.has(stepIdOf('networkInterface', nic.resource.id)) || path.routes.some((r) => r.planned);
    if (path.subnets.length === 0 || !changed) continue;
    ctx.warnings.push({
      code: 'PublicIpv6ReturnViaNva',
      resourceId: nic.resource.id,
      message: `NIC ${nic.resource.name}: internet clients reach its IPv6 public IP ${publicIps.join(', ')} directly, but its replies from ${describe(path)}${ASYMMETRIC}${ipv4Note(path)}`,
      fix: `${FIX} Until then, keep publicIpv6 "none" (or exclude ${nic.resource.name} with the exclusion tag) to keep its public IP IPv4-only.`,
    });
  }
}

const ASYMMETRIC =
  ', so the NVA pool sees only the return leg of each inbound flow (asymmetric routing) and a stateful NVA drops those replies';

const FIX =
  "Either have the NVA pool forward these replies without state (its vendor's stateless or asymmetric-flow mode for the service's addresses), or publish the service through the NVA pool instead of a public IP in the spoke (the NVA's public side DNATs to an internal frontend, so both legs cross it). A route sending the replies straight to the internet (next hop Internet) can't be written: they go to any client, and ::/0 is the NVA route.";

function describe(path: ReturnPath): string {
  const subnets = path.subnets.map((s) => s.name).join(', ');
  const routes = path.routes.map((r) => `${r.name} in ${r.table}`).join(', ');
  const hops = [...new Set(path.routes.map((r) => r.nextHop))].join(', ');
  return `subnet${path.subnets.length === 1 ? '' : 's'} ${subnets} take the ::/0 route ${routes} to the IPv6 NVA pool (${hops})`;
}

function ipv4Note(path: ReturnPath): string {
  return path.ipv4Hops.length > 0
    ? ` (IPv4 replies already take the same path, through the 0.0.0.0/0 route to ${path.ipv4Hops.join(', ')})`
    : '';
}
