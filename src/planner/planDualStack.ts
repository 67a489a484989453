import type { ArmResource } from '../arm/ArmResource';
import { keyOf } from './ids';
import { parseCidr } from '../arm/cidr';
import { planSubnetPrefixes, wantsIpv6 } from './addressPlan/planSubnetPrefixes';
import { planVnetPrefixes } from './addressPlan/planVnetPrefixes';
import type { DualStackConfig } from './config/DualStackConfig';
import { derivePool } from './config/derivePool';
import { discoverVnets, isExcluded } from './discovery/discoverVnets';
import { indexEstate } from './discovery/indexEstate';
import { orderSteps } from './orderSteps';
import type { Finding, IpamPoolPlan, Plan, SubnetPlan, VnetPlan } from './Plan';
import type { PlanContext } from './PlanContext';
import { PlanInputError } from './PlanInputError';
import type { PrefixReservation } from './PrefixReservation';
import { addAvnmConnectivityCommits, readAvnm } from './steps/avnmFindings';
import { readAvnmEstate } from './steps/avnmEstate';
import { addAvnmRuleTwins, addManagedRouteTableAction, avnmRouteOwnership } from './steps/avnmRuleTwins';
import { addExpressRouteStep } from './steps/expressRouteSteps';
import { addLoadBalancerStep } from './steps/loadBalancerSteps';
import { addNicSteps, warnAboutRunningVms } from './steps/nicSteps';
import { addNsgStep } from './steps/nsgSteps';
import { addPrivateDnsSteps } from './steps/privateDnsSteps';
import { warnAsymmetricPublicIpv6 } from './steps/publicReturnPath';
import {
  addPeeringSyncSteps,
  finalIpv6,
  peeringsByRemote,
  warnUnsyncedPeers,
} from './steps/peeringSyncSteps';
import { resolveNextHop } from './steps/resolveNextHop';
import { addRouteTableStep } from './steps/routeTableSteps';
import { addSubnetFindings } from './steps/subnetFindings';
import { vnetBlockers } from './steps/vnetBlockers';
import { addVnetStep } from './steps/vnetSteps';
import { addStaticCidrStep } from './steps/ipamStaticCidrSteps';
import type { IpamPoolState } from './ipam/IpamPoolState';
import { planIpamPrefixes, type IpamPrefixPlan } from './ipam/planIpamPrefixes';
import { PrefixTranslator } from './translate/PrefixTranslator';

export interface PlanOptions {
  /** Plan only these spokes (event-driven reconcile), plus the hub side they need. */
  onlyVnetIds?: string[];
  /** The configured IPAM pool as observed (config ipamPoolId); the reservations are then not used. */
  ipam?: IpamPoolState;
}

/** Resources associated with dual-stack subnets, grouped per resource with the VNets they serve. */
function associations(ctx: PlanContext): {
  routeTables: Map<string, string[]>;
  nsgs: Map<string, string[]>;
} {
  const routeTables = new Map<string, string[]>();
  const nsgs = new Map<string, string[]>();
  // Lower-cased rather than remembered by the id as written: a subnet's reference is its own
  // string, and hashing it (then its key) costs more than lower-casing it.
  const add = (m: Map<string, string[]>, id: string | undefined, vnet: string) => {
    if (!id) return;
    const k = keyOf(id);
    const served = m.get(k);
    // VNets are visited one at a time, so a repeat can only be the last one added.
    if (!served) m.set(k, [vnet]);
    else if (served[served.length - 1] !== vnet) served.push(vnet);
  };
  for (const vnet of ctx.inPlay.values())
    for (const s of vnet.subnets) {
      if (!ctx.subnetIpv6.has(s.key)) continue;
      add(routeTables, s.routeTableId, vnet.key);
      add(nsgs, s.nsgId, vnet.key);
      for (const nic of ctx.index.nicsBySubnet.get(s.key) ?? []) add(nsgs, nic.nsgId, vnet.key);
    }
  return { routeTables, nsgs };
}

function sortedKeys(keys: string[]): string[] {
  return keys.length > 1 ? [...keys].sort() : keys;
}

function sortedEntries<V>(map: Map<string, V>): [string, V][] {
  return [...map].sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

/** `${code} ` against `${other} `, or undefined when one is the head of the other. */
function compareCodes(a: string, b: string): number | undefined {
  const n = Math.min(a.length, b.length) + 1;
  for (let i = 0; i < n; i++) {
    const x = i < a.length ? a.charCodeAt(i) : 32;
    const y = i < b.length ? b.charCodeAt(i) : 32;
    if (x !== y) return x - y;
  }
  return undefined;
}

function byKey<T>(list: T[], keyOf: (item: T) => string): T[] {
  const keyed = list.map((item) => ({ item, k: keyOf(item) }));
  keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  return keyed.map((x) => x.item);
}

/**
 * By `${code} ${lower-cased resource id}`. A 5,000-spoke plan has some 35,000 findings of a
 * handful of codes: sorted a code at a time, by lower-cased id alone, which saves joining the
 * two and comparing the codes again.
 */
function sortFindings(list: Finding[]): Finding[] {
  const groups = new Map<string, Finding[]>();
  for (const f of list) {
    const group = groups.get(f.code);
    if (group) group.push(f);
    else groups.set(f.code, [f]);
  }
  const codes = [...groups.keys()];
  if (codes.some((a) => codes.some((b) => a !== b && compareCodes(a, b) === undefined)))
    return byKey(list, (f) => `${f.code} ${f.resourceId.toLowerCase()}`);
  codes.sort((a, b) => compareCodes(a, b) ?? 0);
  return codes.flatMap((code) => byKey(groups.get(code) ?? [], (f) => f.resourceId.toLowerCase()));
}

/** The pool's allocations for the VNets this plan migrates (a reconcile plans every spoke's block but steps only some). */
function onlyStepped(pool: IpamPoolPlan, ctx: PlanContext): IpamPoolPlan {
  const allocations = pool.allocations.filter((a) => {
    const k = keyOf(a.vnetId);
    return ctx.inPlay.has(k) && !ctx.blocked.has(k);
  });
  return { ...pool, allocations };
}

/**
 * The pure planning core: observed network (ARM GET bodies) + configuration + prefix
 * reservations → an ordered plan with exactly one step per changed resource plus peering syncs.
 * No I/O, clock or randomness: the same input always gives the same plan.
 */
export function planDualStack(
  observed: ArmResource[],
  config: DualStackConfig,
  reservations: PrefixReservation[] = [],
  options: PlanOptions = {},
): Plan {
  const index = indexEstate(observed);
  const { hub, spokes, excluded } = discoverVnets(index, config);
  const poolText = config.ipv6Pool ?? derivePool(config.hubVnetId);
  const pool = parseCidr(poolText);
  if (pool?.version !== 'IPv6')
    throw new PlanInputError([`ipv6Pool: ${JSON.stringify(poolText)} is not an IPv6 CIDR`]);
  // Every spoke is address-planned (stable blocks, no collisions); only the selected ones get steps.
  const selected = options.onlyVnetIds ? new Set(options.onlyVnetIds.map(keyOf)) : undefined;
  const planned = selected ? spokes.filter((s) => selected.has(s.key)) : spokes;
  const unknownSelected = selected
    ? [...selected].filter((k) => !planned.some((s) => s.key === k) && k !== keyOf(hub.resource.id))
    : [];
  const all = new Map([hub, ...spokes].map((v) => [v.key, v]));
  const ctx: PlanContext = {
    config,
    index,
    hub,
    inPlay: new Map([hub, ...planned].map((v) => [v.key, v])),
    blocked: new Set(),
    vnetPrefixes: new Map(),
    subnetIpv6: new Map(),
    translator: new PrefixTranslator({ onPremisesPrefixMap: {}, vnets: [], subnets: [] }),
    staticFrontends: new Map(),
    poolTwins: new Map(),
    publicIpTwins: new Map(),
    referencedVnets: new Set(),
    steps: [],
    staticCidrSteps: new Map(),
    vnetStepIds: new Map(),
    vnetIdLists: new Map(),
    lastDependsOn: { given: [], id: '', kept: [] },
    blockers: [],
    warnings: [],
    manualActions: [],
  };
  const ipamPoolId = config.ipamPoolId;
  if (config.ipv6Pool === undefined && ipamPoolId === undefined)
    ctx.warnings.push({
      code: 'PoolGenerated',
      resourceId: hub.resource.id,
      message: `no ipv6Pool configured: using ${poolText}, a ULA /48 derived from the hub id (deterministic; not routable on the internet)`,
      fix: "Configure ipv6Pool with your organisation's block if these VNets must use global addresses.",
    });

  const wants = (name: string) => wantsIpv6(name, config);
  for (const vnet of all.values()) {
    const found = vnetBlockers(vnet, wants);
    if (found.length === 0) continue;
    if (ctx.inPlay.has(vnet.key)) ctx.blockers.push(...found);
    ctx.blocked.add(vnet.key);
  }
  if (isExcluded(hub.resource, config.exclusionTag)) {
    ctx.blockers.push({
      code: 'HubExcluded',
      resourceId: hub.resource.id,
      message: `the hub carries the ${config.exclusionTag} tag: spokes can't be dual-stacked through a hub that stays IPv4`,
      fix: `Remove the ${config.exclusionTag} tag from the hub, or point hubVnetId at another VNet.`,
    });
    ctx.blocked.add(hub.key);
  }
  const ipamPlan: IpamPrefixPlan | undefined =
    ipamPoolId !== undefined
      ? planIpamPrefixes(
          index,
          hub,
          spokes,
          options.ipam ?? { poolId: ipamPoolId, staticCidrs: [] },
          config.vnetPrefixLength,
        )
      : undefined;
  const vnetPlan =
    ipamPlan ?? planVnetPrefixes(index, hub, spokes, pool, config.vnetPrefixLength, reservations);
  ctx.vnetPrefixes = vnetPlan.prefixes;
  ctx.blockers.push(...vnetPlan.blockers);
  ctx.warnings.push(...vnetPlan.warnings);
  for (const k of vnetPlan.unplaced) ctx.blocked.add(k);

  const subnetPlans = new Map<string, SubnetPlan[]>();
  for (const vnet of all.values()) {
    const block = ctx.vnetPrefixes.get(vnet.key);
    for (const s of vnet.subnets) if (s.ipv6[0]) ctx.subnetIpv6.set(s.key, s.ipv6[0]);
    if (!block || ctx.blocked.has(vnet.key)) {
      subnetPlans.set(
        vnet.key,
        vnet.subnets.map((s) => ({
          name: s.name,
          ipv4Prefixes: s.ipv4,
          ipv6Prefix: s.ipv6[0],
          existing: s.ipv6.length > 0,
        })),
      );
      continue;
    }
    const plan = planSubnetPrefixes(vnet, block.cidr, config);
    if (ctx.inPlay.has(vnet.key)) ctx.blockers.push(...plan.blockers);
    subnetPlans.set(vnet.key, plan.subnets);
    plan.subnets.forEach((planned, i) => {
      const s = vnet.subnets[i];
      if (s && !planned.existing && planned.ipv6Prefix) ctx.subnetIpv6.set(s.key, planned.ipv6Prefix);
    });
  }

  ctx.translator = new PrefixTranslator({
    onPremisesPrefixMap: config.onPremisesPrefixMap,
    vnets: [...index.vnets.values()].map((v) => ({
      key: v.key,
      id: v.resource.id,
      ipv4: v.ipv4,
      ipv6:
        ctx.inPlay.has(v.key) && !ctx.blocked.has(v.key) ? ctx.vnetPrefixes.get(v.key)?.prefix : v.ipv6[0],
    })),
    subnets: [...index.subnets.values()].flatMap((s) => {
      const ipv6 = ctx.subnetIpv6.get(s.key) ?? s.ipv6[0];
      return ipv6 ? [{ ipv4: s.ipv4, ipv6 }] : [];
    }),
  });
  ctx.nextHop = resolveNextHop(ctx);
  for (const v of ctx.inPlay.values()) if (!ctx.blocked.has(v.key)) addSubnetFindings(ctx, v);

  // Generation order = hub first, then spokes by id; orderSteps keeps it where dependencies allow.
  const vnets = [hub, ...planned];
  for (const v of vnets) {
    if (ipamPlan?.pool) addStaticCidrStep(ctx, ipamPlan.pool, v);
    addVnetStep(ctx, v, subnetPlans.get(v.key) ?? []);
  }
  const warned = new Set<string>();
  for (const lb of index.loadBalancers) addLoadBalancerStep(ctx, lb, warned);
  addNicSteps(ctx, index.nics);
  addPrivateDnsSteps(ctx);
  const { routeTables, nsgs } = associations(ctx);
  const avnmEstate = readAvnmEstate(index);
  const avnmRoutes = avnmRouteOwnership(ctx, avnmEstate);
  for (const [k, served] of sortedEntries(routeTables)) {
    const table = index.routeTables.get(k);
    if (!table || isExcluded(table, config.exclusionTag)) continue;
    // AVNM rewrites the tables it manages: their twins go into its rule collections instead.
    const managedBy = avnmRoutes.managedTables.get(k);
    if (managedBy) addManagedRouteTableAction(ctx, table, managedBy, avnmRoutes.avnmDestinations.get(k));
    else addRouteTableStep(ctx, table, k, sortedKeys(served), avnmRoutes.avnmDestinations.get(k));
  }
  for (const [k, served] of sortedEntries(nsgs)) {
    const nsg = index.networkSecurityGroups.get(k);
    if (nsg && !isExcluded(nsg, config.exclusionTag)) addNsgStep(ctx, nsg, k, sortedKeys(served));
  }
  addExpressRouteStep(ctx);
  warnAboutRunningVms(ctx);
  const hubPeerings = peeringsByRemote(hub);
  const avnm = readAvnm(ctx);
  for (const s of planned) addPeeringSyncSteps(ctx, s, hubPeerings, (p) => avnm.ownsPeering(s, p));
  addAvnmConnectivityCommits(ctx, avnm, planned);
  addAvnmRuleTwins(ctx, avnmEstate);
  // after the twins: AVNM's planned ::/0 rules are return paths too
  warnAsymmetricPublicIpv6(ctx, avnmEstate);
  const others = [...index.vnets.values()].filter((v) => !all.has(v.key));
  warnUnsyncedPeers(ctx, others);
  for (const k of unknownSelected)
    ctx.warnings.push({
      code: 'NotASpoke',
      resourceId: options.onlyVnetIds?.find((id) => keyOf(id) === k) ?? k,
      message:
        'onlyVnetIds names a VNet that is not a spoke of this hub (not observed, out of scope, excluded or not peered): nothing is planned for it',
    });
  if (!selected)
    for (const v of excluded)
      ctx.warnings.push({
        code: 'VnetExcluded',
        resourceId: v.resource.id,
        message: `${v.resource.name} carries the ${config.exclusionTag} tag and is left alone`,
      });

  const steps = orderSteps(ctx.steps, new Map(vnets.map((v, i) => [v.key, i])));
  // By the owner's id as written: an owner in the plan is named by its VNet's resource id.
  const stepsByOwner = new Map<string, string[]>();
  for (const s of steps) {
    if (!s.vnetId) continue;
    const list = stepsByOwner.get(s.vnetId);
    if (list) list.push(s.id);
    else stepsByOwner.set(s.vnetId, [s.id]);
  }
  const vnetPlans: VnetPlan[] = vnets.map((v) => {
    const block = ctx.vnetPrefixes.get(v.key);
    const plan: VnetPlan = {
      vnetId: v.resource.id,
      role: v.key === hub.key ? 'hub' : 'spoke',
      ipv4Prefixes: v.ipv4,
      ipv6Existing: v.ipv6.length > 0,
      subnets: subnetPlans.get(v.key) ?? [],
      stepIds: stepsByOwner.get(v.resource.id) ?? [],
    };
    const prefix = finalIpv6(ctx, v).prefixes[0] ?? (ctx.blocked.has(v.key) ? undefined : block?.prefix);
    if (prefix) plan.ipv6Prefix = prefix;
    if (ctx.blocked.has(v.key)) plan.blocked = true;
    return plan;
  });
  const reserveFor = new Set([...vnets.map((v) => v.key), ...ctx.referencedVnets]);
  const reservationsOut = [...reserveFor].sort().flatMap((k) => {
    const block = ctx.vnetPrefixes.get(k);
    const vnet = index.vnets.get(k);
    return block && vnet && !block.existing && !ctx.blocked.has(k) && !ipamPlan
      ? [{ vnetId: vnet.resource.id, prefix: block.prefix }]
      : [];
  });
  const plan: Plan = {
    schemaVersion: 1,
    hubVnetId: hub.resource.id,
    ipv6Pool: ipamPlan?.pool?.ipv6Prefix ?? poolText,
    poolGenerated: config.ipv6Pool === undefined && !ipamPlan,
    vnets: vnetPlans,
    steps,
    blockers: sortFindings(ctx.blockers),
    warnings: sortFindings(ctx.warnings),
    manualActions: sortFindings(ctx.manualActions),
    reservations: reservationsOut,
  };
  if (options.onlyVnetIds) plan.onlyVnetIds = [...options.onlyVnetIds];
  if (ipamPlan?.pool) plan.ipamPool = onlyStepped(ipamPlan.pool, ctx);
  return plan;
}
