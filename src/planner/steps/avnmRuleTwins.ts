import type { ArmResource } from '../../arm/ArmResource';
import { parentResourceId } from '../../arm/resourceId';
import { inScope } from '../discovery/discoverVnets';
import { keyOf } from '../ids';
import type { Json } from '../json';
import { cloneJson, objs, props, str } from '../json';
import type { AvnmCommit } from '../Plan';
import type { PlanContext } from '../PlanContext';
import { addStep, vnetStepId } from '../PlanContext';
import { addressVersion, canonicalPrefix, isIpv4Cidr, isIpv6 } from '../prefixes';
import type { AvnmCollection, AvnmEstate, AvnmKind } from './avnmEstate';
import { deployedRegions, deployedSince, regionKey } from './avnmEstate';
import { twinName } from './loadBalancerParts';
import type { Slot } from './nsgSteps';
import { twinPriority } from './nsgSteps';

/** Starts every twin's description: how a rollback tells Dualstack's twins from rules people wrote. */
export const AVNM_TWIN_MARK = 'IPv6 twin added by Dualstack of ';
const ROUTING_RULE = 'Microsoft.Network/networkManagers/routingConfigurations/ruleCollections/rules';
const ADMIN_RULE = 'Microsoft.Network/networkManagers/securityAdminConfigurations/ruleCollections/rules';
/** Security admin rule priorities (AdminRule.priority in @azure/arm-network). */
const ADMIN_PRIORITY = { min: 1, max: 4096 };
const KEPT_NEXT_HOPS = new Set(['internet', 'vnetlocal', 'nonexthop']);

/** What a collection reaches: the VNets of its groups' members, sorted, told apart by the migration's reach. */
export interface CollectionTargets {
  /** VNets this plan migrates */
  inPlay: string[];
  /** VNets the migration doesn't make dual-stack (excluded, blocked, not a spoke of this hub, not observed) */
  outside: string[];
  /** lower-cased regions of the VNets in play */
  regions: string[];
}

export function collectionTargets(
  ctx: PlanContext,
  estate: AvnmEstate,
  c: AvnmCollection,
): CollectionTargets {
  const vnets = new Set<string>();
  for (const g of c.groupKeys) {
    const m = estate.members.get(g);
    for (const v of m?.vnets ?? []) vnets.add(v);
    for (const s of m?.subnets ?? [])
      vnets.add(ctx.index.subnets.get(s)?.vnetKey ?? keyOf(parentResourceId(s, 1)));
  }
  const inPlay: string[] = [];
  const outside: string[] = [];
  const regions = new Set<string>();
  for (const v of [...vnets].sort()) {
    if (!ctx.vnetPrefixes.has(v) || ctx.blocked.has(v)) outside.push(v);
    else if (ctx.inPlay.has(v)) {
      inPlay.push(v);
      const location = ctx.index.vnets.get(v)?.resource.location;
      if (location) regions.add(regionKey(location));
    }
  }
  return { inPlay, outside, regions: [...regions].sort() };
}

function nameOfVnet(ctx: PlanContext, key: string): string {
  return ctx.index.vnets.get(key)?.resource.name ?? key.split('/').at(-1) ?? key;
}

function lastName(id: string): string {
  return id.split('/').at(-1) ?? id;
}

/** The key of a manager's commit step of one kind (its id is `avnmCommit:<key>`). */
export function commitStepKey(managerId: string, kind: AvnmKind): string {
  return `${keyOf(managerId)}/commit/${kind.toLowerCase()}`;
}

/** A network manager as the estate shows it, or its id alone when only its children were observed. */
export function managerOf(estate: AvnmEstate, managerId: string): ArmResource {
  return (
    estate.managers.get(keyOf(managerId)) ?? {
      id: managerId,
      name: lastName(managerId),
      type: 'Microsoft.Network/networkManagers',
    }
  );
}

interface PendingCommit {
  managerId: string;
  kind: AvnmKind;
  configurationIds: Map<string, string>;
  regions: Set<string>;
  stepIds: string[];
  vnetKeys: Set<string>;
}

/** Collects, per network manager and configuration kind, what must be deployed after the twins. */
class Commits {
  private readonly pending = new Map<string, PendingCommit>();

  need(c: AvnmCollection, regions: string[], vnetKeys: string[], stepId?: string): void {
    const { configuration: cfg } = c;
    const k = `${cfg.managerKey}|${cfg.kind}`;
    let p = this.pending.get(k);
    if (!p) {
      p = {
        managerId: cfg.managerId,
        kind: cfg.kind,
        configurationIds: new Map(),
        regions: new Set(),
        stepIds: [],
        vnetKeys: new Set(),
      };
      this.pending.set(k, p);
    }
    p.configurationIds.set(cfg.key, cfg.resource.id);
    for (const r of regions) p.regions.add(r);
    for (const v of vnetKeys) p.vnetKeys.add(v);
    if (stepId) p.stepIds.push(stepId);
  }

  addSteps(ctx: PlanContext, estate: AvnmEstate): void {
    for (const p of [...this.pending.values()].sort((a, b) => (a.managerId < b.managerId ? -1 : 1))) {
      const manager = managerOf(estate, p.managerId);
      const commit: AvnmCommit = {
        commitType: p.kind,
        configurationIds: [...p.configurationIds.values()].sort(),
        targetLocations: [...p.regions].sort(),
      };
      addStep(ctx, {
        kind: 'avnmCommit',
        resource: manager,
        resourceKey: commitStepKey(manager.id, p.kind),
        additions: [{ op: 'commitAvnm', commit }],
        dependsOn: p.stepIds,
        vnetKeys: [...p.vnetKeys],
        shared: true,
        ipv6Prefixes: [],
        summary: `network manager ${manager.name}: deploy ${p.kind} ${commit.configurationIds.map(lastName).join(', ')} to ${commit.targetLocations.join(', ')} (commit)`,
      });
    }
  }
}

/** The twin exists: deployed unless the last commit is older than it (then the commit is still owed). */
function existingTwin(
  estate: AvnmEstate,
  c: AvnmCollection,
  regions: string[],
  twin: ArmResource,
): 'deployed' | 'undeployed' {
  const sd = (twin as ArmResource & { systemData?: Json }).systemData;
  const modified = str(sd?.lastModifiedAt) ?? str(sd?.createdAt);
  return regions.every((r) => deployedSince(estate, c.configuration, r, modified))
    ? 'deployed'
    : 'undeployed';
}

function twinBody(c: AvnmCollection, type: string, original: ArmResource, properties: Json): ArmResource {
  const name = twinName(original.name);
  return {
    id: `${c.resource.id}/rules/${name}`,
    name,
    type,
    properties: { description: `${AVNM_TWIN_MARK}${original.name}`, ...properties },
  };
}

function routingTwin(
  ctx: PlanContext,
  c: AvnmCollection,
  rule: ArmResource,
  ipv6Destinations: Set<string>,
): { properties: Json; usesNextHop: boolean; text: string } | undefined {
  const p = props(rule);
  const destination = props({ properties: p.destination });
  const hop = props({ properties: p.nextHop });
  const address = str(destination.destinationAddress) ?? '';
  const hopType = str(hop.nextHopType) ?? '';
  const manual = (why: string, fix: string) => {
    ctx.manualActions.push({
      code: 'AvnmRoutingRuleNotTwinned',
      resourceId: rule.id,
      message: `AVNM routing rule ${rule.name} (${address} → ${hopType}) gets no IPv6 twin: ${why}`,
      fix,
    });
    return undefined;
  };
  if (str(destination.type) === 'ServiceTag')
    return manual(
      `its destination is the service tag ${address}, whose IPv6 prefixes AVNM doesn't route`,
      `Decide whether IPv6 traffic to ${address} must go through the NVA; if so add an AddressPrefix rule per IPv6 range of the tag to ${c.resource.name}, then deploy the routing configuration.`,
    );
  if (!isIpv4Cidr(address)) return undefined;
  if (hopType.toLowerCase() === 'virtualnetworkgateway')
    return manual(
      'next hop VirtualNetworkGateway is not allowed for IPv6 routes',
      'Let the spokes learn on-premises IPv6 over BGP (use remote gateways), or add an IPv6 rule via the NVA by hand.',
    );
  const dest = ctx.translator.translate(address, 'vnet');
  if (dest.kind !== 'ipv6')
    return manual(
      dest.kind === 'fail' ? dest.reason : 'no IPv6 equivalent',
      'Add the IPv6 rule to the collection by hand, or add the prefix to onPremisesPrefixMap.',
    );
  const nextHop: Json = { nextHopType: hopType };
  let usesNextHop = false;
  if (hopType.toLowerCase() === 'virtualappliance') {
    if (!ctx.nextHop)
      return manual(
        'no IPv6 next hop is known for the virtual appliance',
        'Configure ipv6NextHop, or deploy the hub IPv6 NVA load balancer.',
      );
    nextHop.nextHopAddress = ctx.nextHop.address;
    usesNextHop = true;
  } else if (!KEPT_NEXT_HOPS.has(hopType.toLowerCase()))
    return manual(`next hop type ${hopType} has no IPv6 equivalent`, 'Add the IPv6 rule by hand.');
  const key = canonicalPrefix(dest.prefix);
  // AVNM doesn't support two rules with one destination on a subnet: two IPv4 rules into one spoke
  // translate to the same /56, and one IPv6 rule covers both.
  if (ipv6Destinations.has(key)) return undefined;
  ipv6Destinations.add(key);
  if (dest.vnetKey) ctx.referencedVnets.add(dest.vnetKey);
  return {
    properties: { destination: { type: 'AddressPrefix', destinationAddress: dest.prefix }, nextHop },
    usesNextHop,
    text: `${dest.prefix} → ${str(nextHop.nextHopAddress) ?? hopType}`,
  };
}

/** An admin rule's side as its IPv6 twin: IPv4 prefixes translated (the /64 or /56 the plan gives), tags kept. */
function adminSide(ctx: PlanContext, items: Json[]): { items: Json[]; fail?: string } {
  const out: Json[] = [];
  for (const item of items) {
    const address = str(item.addressPrefix) ?? '';
    if (item.addressPrefixType !== 'IPPrefix' || addressVersion(address) !== 'IPv4') {
      out.push(cloneJson(item));
      continue;
    }
    const t = ctx.translator.translate(address, 'subnet');
    if (t.kind === 'fail') return { items: out, fail: t.reason };
    const prefix = t.kind === 'ipv6' ? t.prefix : address;
    if (t.kind === 'ipv6' && t.vnetKey) ctx.referencedVnets.add(t.vnetKey);
    if (!out.some((o) => o.addressPrefix === prefix))
      out.push({ addressPrefixType: 'IPPrefix', addressPrefix: prefix });
  }
  return { items: out };
}

function ipPrefixVersions(items: Json[]): { ipv4: boolean; ipv6: boolean } {
  const versions = items
    .filter((i) => i.addressPrefixType === 'IPPrefix')
    .map((i) => addressVersion(str(i.addressPrefix) ?? ''));
  return { ipv4: versions.includes('IPv4'), ipv6: versions.includes('IPv6') };
}

function adminTwin(
  ctx: PlanContext,
  c: AvnmCollection,
  rule: ArmResource,
  slots: Map<number, Slot>,
): { properties: Json; text: string } | undefined {
  const p = props(rule);
  if ((rule as ArmResource & { kind?: string }).kind === 'Default') return undefined;
  const sources = objs(p.sources);
  const destinations = objs(p.destinations);
  const s = ipPrefixVersions(sources);
  const d = ipPrefixVersions(destinations);
  if (!(s.ipv4 || d.ipv4) || s.ipv6 || d.ipv6) return undefined;
  const src = adminSide(ctx, sources);
  const dst = adminSide(ctx, destinations);
  const fail = src.fail ?? dst.fail;
  if (fail) {
    ctx.manualActions.push({
      code: 'AvnmAdminRuleNotTwinned',
      resourceId: rule.id,
      message: `AVNM security admin rule ${rule.name} gets no IPv6 twin: ${fail}`,
      fix: 'Add the IPv6 prefix to onPremisesPrefixMap, or add the twin rule to the collection by hand.',
    });
    return undefined;
  }
  const priority = twinPriority(slots, Number(p.priority), ADMIN_PRIORITY.min, ADMIN_PRIORITY.max);
  if (priority === undefined) {
    ctx.blockers.push({
      code: 'AvnmAdminRuleNoPriorityRoom',
      resourceId: rule.id,
      message: `no free priority next to ${String(p.priority)} in ${c.resource.name} for the IPv6 twin of ${rule.name}`,
      fix: 'Renumber the collection to leave a gap after this rule, deploy it, then plan again.',
    });
    return undefined;
  }
  slots.set(priority, { ipv4Only: false, twinOf: Number(p.priority) });
  const properties: Json = {};
  for (const [k, v] of Object.entries(p))
    if (!/^(provisioningState|resourceGuid|description|priority|sources|destinations)$/.test(k))
      properties[k] = cloneJson(v);
  Object.assign(properties, { sources: src.items, destinations: dst.items, priority });
  const list = (items: Json[]) => items.map((i) => String(i.addressPrefix)).join(' ') || '*';
  return { properties, text: `${twinName(rule.name)}@${priority}: ${list(src.items)} → ${list(dst.items)}` };
}

/** The priorities a collection's rules hold; rules that list only IPv4 on one side can't match IPv6. */
function adminSlots(c: AvnmCollection): Map<number, Slot> {
  const slots = new Map<number, Slot>();
  for (const r of c.rules) {
    const p = props(r);
    const s = ipPrefixVersions(objs(p.sources));
    const d = ipPrefixVersions(objs(p.destinations));
    slots.set(Number(p.priority), { ipv4Only: (s.ipv4 && !s.ipv6) || (d.ipv4 && !d.ipv6) });
  }
  return slots;
}

/** The reasons a collection's rules get no twins from Dualstack, as manual actions; true when it may be twinned. */
function twinnable(ctx: PlanContext, estate: AvnmEstate, c: AvnmCollection, t: CollectionTargets): boolean {
  const cfg = c.configuration;
  const what = `${cfg.kind === 'Routing' ? 'routing' : 'security admin'} rule collection ${c.resource.name}`;
  if (!inScope(cfg.managerId, ctx.config.scope)) {
    ctx.manualActions.push({
      code: 'AvnmManagerOutOfScope',
      resourceId: c.resource.id,
      message: `${what} applies to ${t.inPlay.map((v) => nameOfVnet(ctx, v)).join(', ')}, but its network manager ${lastName(cfg.managerId)} is outside the configured scope: Dualstack doesn't write there`,
      fix: `Add the IPv6 twins of its rules to ${c.resource.name} and deploy ${cfg.resource.name} (commit ${cfg.kind}), or add the manager's subscription to scope.`,
    });
    return false;
  }
  if (t.outside.length > 0) {
    ctx.manualActions.push({
      code: 'AvnmCollectionBeyondMigration',
      resourceId: c.resource.id,
      message: `${what} also applies to ${t.outside.map((v) => nameOfVnet(ctx, v)).join(', ')}, which this migration doesn't make dual-stack: IPv6 twins in it would reach them too`,
      fix: `Give the migrated VNets a network group and collection of their own (or migrate the others too), then plan again; or add the IPv6 twins by hand.`,
    });
    return false;
  }
  const deployed = deployedRegions(estate, cfg);
  if (deployed && !t.regions.some((r) => deployed.has(r))) {
    ctx.warnings.push({
      code: 'AvnmConfigurationNotDeployed',
      resourceId: c.resource.id,
      message: `${what} applies to migrated VNets, but ${cfg.resource.name} is not deployed in their regions (${t.regions.join(', ')}): its rules are not in effect, so Dualstack adds no twins and deploys nothing`,
      fix: `Once you deploy ${cfg.resource.name}, plan again to add its IPv6 twins.`,
    });
    return false;
  }
  return true;
}

/**
 * AVNM routing and security admin rules are applied to their groups' VNets by AVNM, which owns what
 * it deploys (its route tables, its admin rules ahead of NSGs): an edit there is overwritten by the
 * next deployment. So each IPv4 rule of a collection applied to migrated VNets gets its IPv6 twin
 * `<name>-ipv6` in the same collection (created, never an edit of the rule), and one commit per
 * network manager and configuration kind deploys them, to the regions where the configuration is
 * deployed. A collection that also reaches VNets the migration leaves IPv4, or whose manager is out
 * of scope, is a manual action instead. A twin that exists but was never deployed is committed again.
 */
export function addAvnmRuleTwins(ctx: PlanContext, estate: AvnmEstate): void {
  const commits = new Commits();
  for (const c of estate.collections) {
    const t = collectionTargets(ctx, estate, c);
    if (t.inPlay.length === 0 || !twinnable(ctx, estate, c, t)) continue;
    const deployed = deployedRegions(estate, c.configuration);
    const regions = deployed ? t.regions.filter((r) => deployed.has(r)) : t.regions;
    const names = new Map(c.rules.map((r) => [r.name.toLowerCase(), r]));
    const vnetDeps = t.inPlay.map((v) => vnetStepId(ctx, v));
    const routing = c.configuration.kind === 'Routing';
    const ipv6Destinations = new Set(
      c.rules
        .map((r) => str(props({ properties: props(r).destination }).destinationAddress) ?? '')
        .filter(isIpv6)
        .map(canonicalPrefix),
    );
    const slots = routing ? new Map<number, Slot>() : adminSlots(c);
    const ordered = routing
      ? c.rules
      : [...c.rules].sort((a, b) => Number(props(a).priority) - Number(props(b).priority));
    for (const rule of ordered) {
      const existing = names.get(twinName(rule.name).toLowerCase());
      if (existing) {
        if (existingTwin(estate, c, regions, existing) === 'undeployed') commits.need(c, regions, t.inPlay);
        continue;
      }
      if (routing) {
        const twin = routingTwin(ctx, c, rule, ipv6Destinations);
        if (!twin) continue;
        const step = addStep(ctx, {
          kind: 'avnmRoutingRule',
          resource: twinBody(c, ROUTING_RULE, rule, twin.properties),
          additions: [{ op: 'createResource', value: twinBody(c, ROUTING_RULE, rule, twin.properties) }],
          dependsOn: [...vnetDeps, twin.usesNextHop ? ctx.nextHop?.stepId : undefined],
          vnetKeys: t.inPlay,
          shared: true,
          ipv6Prefixes: [],
          summary: `AVNM routing rule collection ${c.resource.name}: IPv6 twin ${twinName(rule.name)} (${twin.text})`,
        });
        commits.need(c, regions, t.inPlay, step.id);
      } else {
        const twin = adminTwin(ctx, c, rule, slots);
        if (!twin) continue;
        const body = twinBody(c, ADMIN_RULE, rule, twin.properties);
        const withKind = { ...body, kind: 'Custom' } as ArmResource;
        const step = addStep(ctx, {
          kind: 'avnmSecurityAdminRule',
          resource: withKind,
          additions: [{ op: 'createResource', value: withKind }],
          dependsOn: vnetDeps,
          vnetKeys: t.inPlay,
          shared: true,
          ipv6Prefixes: [],
          summary: `AVNM security admin rule collection ${c.resource.name}: IPv6 twin ${twin.text}`,
        });
        commits.need(c, regions, t.inPlay, step.id);
      }
    }
  }
  commits.addSteps(ctx, estate);
}

/** What AVNM routing configurations own in the route tables of migrated subnets. */
export interface AvnmRouteOwnership {
  /** route tables AVNM created for its routes (ManagedOnly): Dualstack never writes them */
  managedTables: Map<string, string>;
  /** route table key -> canonical destinations AVNM's rules put there (UseExisting: the table is the user's) */
  avnmDestinations: Map<string, Set<string>>;
}

/**
 * Route tables on the subnets a deployed routing configuration reaches. With ManagedOnly (the
 * default) AVNM associates a route table of its own with the subnet (holding the subnet's former
 * routes and its rules'); with UseExisting it appends its routes to the subnet's table. Either way,
 * the routes AVNM wrote are twinned in the rule collection, not in the table.
 */
export function avnmRouteOwnership(ctx: PlanContext, estate: AvnmEstate): AvnmRouteOwnership {
  const managedTables = new Map<string, string>();
  const avnmDestinations = new Map<string, Set<string>>();
  for (const c of estate.collections) {
    if (c.configuration.kind !== 'Routing') continue;
    const deployed = deployedRegions(estate, c.configuration);
    const destinations = c.rules
      .map((r) => str(props({ properties: props(r).destination }).destinationAddress) ?? '')
      .filter((a) => addressVersion(a.split('/')[0] ?? '') !== undefined)
      .map(canonicalPrefix);
    for (const g of c.groupKeys) {
      const m = estate.members.get(g);
      const subnets = [
        ...(m?.subnets ?? []),
        ...(m?.vnets ?? []).flatMap((v) => ctx.index.vnets.get(v)?.subnets.map((s) => s.key) ?? []),
      ];
      for (const sk of subnets) {
        const s = ctx.index.subnets.get(sk);
        const table = s?.routeTableId;
        if (!s || !table) continue;
        const location = ctx.index.vnets.get(s.vnetKey)?.resource.location;
        if (deployed && !(location && deployed.has(regionKey(location)))) continue;
        const tk = keyOf(table);
        if (c.configuration.managedOnly) managedTables.set(tk, c.resource.id);
        const set = avnmDestinations.get(tk) ?? new Set<string>();
        for (const d of destinations) set.add(d);
        avnmDestinations.set(tk, set);
      }
    }
  }
  return { managedTables, avnmDestinations };
}

/** A route table AVNM manages: its IPv4 routes that aren't AVNM's get no twin from Dualstack (manual action). */
export function addManagedRouteTableAction(
  ctx: PlanContext,
  table: ArmResource,
  collectionId: string,
  avnmDestinations: Set<string> | undefined,
): void {
  const userRoutes = objs(props(table).routes).filter((r) => {
    const prefix = str(props(r).addressPrefix) ?? '';
    return isIpv4Cidr(prefix) && !avnmDestinations?.has(canonicalPrefix(prefix));
  });
  if (userRoutes.length === 0) return;
  ctx.manualActions.push({
    code: 'AvnmManagedRouteTable',
    resourceId: table.id,
    message: `${table.name} is the route table AVNM manages for its routing configuration (${lastName(collectionId)}); its routes ${userRoutes.map((r) => str(r.name)).join(', ')} are not AVNM's rules, and Dualstack doesn't edit a table AVNM rewrites`,
    fix: `Add rules for those destinations (and their IPv6 twins) to ${lastName(collectionId)}, or move the routes back to a table of your own with routeTableUsageMode UseExisting, then plan again.`,
  });
}
