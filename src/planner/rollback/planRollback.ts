import type { ArmResource } from '../../arm/ArmResource';
import { applyIpv6Removals } from '../applyIpv6Removals';
import type { DualStackConfig } from '../config/DualStackConfig';
import { derivePool } from '../config/derivePool';
import { discoverVnets } from '../discovery/discoverVnets';
import type { NicInfo, SubnetInfo, VnetInfo } from '../discovery/EstateIndex';
import { indexEstate } from '../discovery/indexEstate';
import { keyOf } from '../ids';
import type { Json } from '../json';
import { nameOf, obj, objs, props, str, strs } from '../json';
import type { Finding, Ipv6Removal, Plan, PlanStep, StepKind, VnetPlan } from '../Plan';
import { stepIdOf } from '../PlanContext';
import { PlanInputError } from '../PlanInputError';
import type { PrefixReservation } from '../PrefixReservation';
import { canonicalPrefix, isIpv6 } from '../prefixes';
import { frontendsOf, poolsOf, rulesOf } from '../steps/loadBalancerParts';
import { insideAny, isTwinOf } from './ownership';
import { removalSummary } from './removalSummary';

export interface RollbackOptions {
  /** The VNets to take back to IPv4 (the hub and/or spokes). Default: every VNet Dualstack holds a reservation for. */
  vnetIds?: string[];
  /** The exclusion tag's value on rolled-back VNets, so events and drift scans leave them IPv4. */
  tagValue?: string;
}

const ADDRESS_SPACE = ['properties', 'addressSpace', 'addressPrefixes'];
const REMOTE_SPACE = ['properties', 'remoteAddressSpace', 'addressPrefixes'];
const REMOTE_VNET_SPACE = ['properties', 'remoteVirtualNetworkAddressSpace', 'addressPrefixes'];

interface Rollback {
  vnet: VnetInfo;
  block: string;
  /** subnet key -> the IPv6 prefixes it loses */
  subnets: Map<string, { subnet: SubnetInfo; prefixes: string[] }>;
}

interface Builder {
  steps: PlanStep[];
  blockers: Finding[];
  warnings: Finding[];
  manualActions: Finding[];
}

function addStep(
  b: Builder,
  kind: StepKind,
  resource: ArmResource,
  removals: Ipv6Removal[],
  dependsOn: (string | undefined)[],
  vnetIds: string[],
  ipv6Prefixes: string[],
): PlanStep {
  const id = stepIdOf(kind, resource.id);
  const deps = [...new Set(dependsOn.filter((d): d is string => d !== undefined && d !== id))].sort();
  const step: PlanStep = {
    id,
    kind,
    resourceId: resource.id,
    vnetIds,
    dependsOn: deps,
    desired: applyIpv6Removals(resource, removals),
    additions: [],
    removals,
    ipv6Prefixes,
    summary: removalSummary(kind, resource.name, removals),
  };
  if (vnetIds.length === 1) step.vnetId = vnetIds[0];
  if (resource.etag !== undefined) step.plannedEtag = resource.etag;
  b.steps.push(step);
  return step;
}

function sameIpv6(a: string, b: string): boolean {
  return canonicalPrefix(a) === canonicalPrefix(b);
}

/** The VNets asked for, each with the /56 Dualstack gave it, or why it is left alone. */
function chooseVnets(
  candidates: Map<string, VnetInfo>,
  reserved: Map<string, string>,
  options: RollbackOptions,
  b: Builder,
): { rollbacks: Rollback[]; unowned: VnetInfo[] } {
  let chosen: VnetInfo[];
  if (options.vnetIds) {
    const problems: string[] = [];
    chosen = [];
    options.vnetIds.forEach((id, i) => {
      const vnet = candidates.get(keyOf(id));
      if (vnet) chosen.push(vnet);
      else problems.push(`vnetIds[${i}]: ${id} is not the hub or a spoke of it in scope`);
    });
    if (problems.length > 0) throw new PlanInputError(problems);
  } else {
    chosen = [...candidates.values()].filter((v) => reserved.has(v.key));
  }
  const rollbacks: Rollback[] = [];
  const unowned: VnetInfo[] = [];
  for (const vnet of new Set(chosen)) {
    const block = reserved.get(vnet.key);
    const owned = block !== undefined && vnet.ipv6.some((p) => sameIpv6(p, block));
    if (!owned) {
      unowned.push(vnet);
      if (vnet.ipv6.length > 0)
        b.warnings.push({
          code: 'Ipv6NotAddedByDualstack',
          resourceId: vnet.resource.id,
          message: `${vnet.resource.name} has IPv6 (${vnet.ipv6.join(', ')}) that Dualstack holds no reservation for: it was there before, or added by hand, and is left alone`,
        });
      continue;
    }
    const subnets = new Map<string, { subnet: SubnetInfo; prefixes: string[] }>();
    for (const s of vnet.subnets) {
      const prefixes = s.ipv6.filter((p) => insideAny(p, [block]));
      if (prefixes.length > 0) subnets.set(s.key, { subnet: s, prefixes });
    }
    rollbacks.push({ vnet, block, subnets });
  }
  return { rollbacks, unowned };
}

/** IPv6 users of a subnet that Dualstack did not add: the subnet can't lose its /64 while they hold it. */
function foreignUsers(
  r: Rollback,
  nicsBySubnet: Map<string, NicInfo[]>,
  loadBalancers: ArmResource[],
): Finding[] {
  const found: Finding[] = [];
  for (const key of r.subnets.keys()) {
    for (const nic of nicsBySubnet.get(key) ?? []) {
      const names = nic.ipConfigs.map((c) => c.name);
      for (const c of nic.ipConfigs)
        if (c.ipv6 && c.subnetKey === key && !isTwinOf(c.name, names))
          found.push({
            code: 'Ipv6InUseByOthers',
            resourceId: nic.resource.id,
            message: `ip configuration ${c.name} of ${nic.resource.name} is IPv6 in a subnet of ${r.vnet.resource.name} and was not added by Dualstack`,
            fix: 'Remove that ip configuration first, or leave this VNet out of the rollback.',
          });
    }
  }
  for (const lb of loadBalancers) {
    const frontends = frontendsOf(lb);
    const names = frontends.map((f) => f.name);
    const rules = rulesOf(lb);
    const ruleNames = rules.map((x) => x.name);
    for (const f of frontends) {
      if (!f.ipv6 || !f.subnetKey || !r.subnets.has(f.subnetKey)) continue;
      const foreignRules = rules.filter(
        (rule) => rule.frontendKey === f.key && !isTwinOf(rule.name, ruleNames),
      );
      if (!isTwinOf(f.name, names) || foreignRules.length > 0)
        found.push({
          code: 'Ipv6InUseByOthers',
          resourceId: lb.id,
          message:
            foreignRules.length > 0
              ? `frontend ${f.name} of ${lb.name} is IPv6 in a subnet of ${r.vnet.resource.name} and rules not added by Dualstack use it (${foreignRules.map((x) => x.name).join(', ')})`
              : `frontend ${f.name} of ${lb.name} is IPv6 in a subnet of ${r.vnet.resource.name} and was not added by Dualstack`,
          fix: 'Remove it (and its rules) first, or leave this VNet out of the rollback.',
        });
    }
  }
  return found;
}

function rulePrefixes(rule: Json): string[] {
  const p = props(rule);
  const out: string[] = [];
  for (const side of ['source', 'destination']) {
    out.push(...strs(p[`${side}AddressPrefixes`]));
    const one = str(p[`${side}AddressPrefix`]);
    if (one) out.push(one);
  }
  return out.filter((x) => x.includes(':'));
}

/**
 * The plan that takes Dualstack's IPv6 back out of the chosen VNets, in the reverse of the order
 * Azure needed to add it: route and NSG twins, then NIC ip configurations (which leave their IPv6
 * pools), then load balancer twins, then each VNet's subnet /64s and /56 (spokes before the hub),
 * then the peering syncs. IPv4 is never touched; anything a person added is left alone, and where
 * it holds an IPv6 subnet the VNet is blocked rather than half rolled back. Each rolled-back VNet
 * gets the exclusion tag, or the next event or drift scan would dual-stack it again.
 */
export function planRollback(
  observed: ArmResource[],
  config: DualStackConfig,
  reservations: PrefixReservation[],
  options: RollbackOptions = {},
): Plan {
  const index = indexEstate(observed);
  const { hub, spokes, excluded } = discoverVnets(index, config);
  const candidates = new Map<string, VnetInfo>();
  for (const v of [...spokes, ...excluded, hub]) candidates.set(v.key, v);
  const reserved = new Map<string, string>();
  for (const r of reservations) reserved.set(keyOf(r.vnetId), r.prefix);
  const b: Builder = { steps: [], blockers: [], warnings: [], manualActions: [] };

  const { rollbacks: wanted, unowned } = chooseVnets(candidates, reserved, options, b);
  const blocked = new Set<string>();
  const wantedKeys = new Set(wanted.map((r) => r.vnet.key));
  const hubRollback = wanted.find((r) => r.vnet.key === hub.key);
  if (hubRollback) {
    // Spokes route IPv6 through the hub's NVA frontend: the hub goes back only with them.
    const left = [...candidates.values()].filter((v) => {
      const block = reserved.get(v.key);
      return v.key !== hub.key && !wantedKeys.has(v.key) && block && v.ipv6.some((p) => sameIpv6(p, block));
    });
    if (left.length > 0) {
      b.blockers.push({
        code: 'HubRollbackLeavesSpokes',
        resourceId: hub.resource.id,
        message: `the hub can't go back to IPv4 while spokes keep Dualstack's IPv6: ${left.map((v) => v.resource.name).join(', ')}`,
        fix: 'Roll those spokes back in the same run, or roll back spokes only.',
      });
      blocked.add(hub.key);
    }
  }
  for (const r of wanted) {
    const found = foreignUsers(r, index.nicsBySubnet, index.loadBalancers);
    if (found.length === 0) continue;
    b.blockers.push(...found);
    blocked.add(r.vnet.key);
  }
  const rollbacks = wanted.filter((r) => !blocked.has(r.vnet.key));
  const removedBlocks = rollbacks.map((r) => r.block);
  const strippedSubnets = new Set(rollbacks.flatMap((r) => [...r.subnets.keys()]));

  // Route tables and NSGs first: nothing depends on them, and they stop pointing at what goes next.
  const removedFrontendAddresses = new Set<string>();
  for (const lb of index.loadBalancers)
    for (const f of frontendsOf(lb))
      if (f.ipv6 && f.subnetKey && strippedSubnets.has(f.subnetKey) && f.privateIPAddress)
        removedFrontendAddresses.add(canonicalPrefix(`${f.privateIPAddress}/128`));
  const keepsIpv6 = (s: SubnetInfo): boolean => s.ipv6.length > 0 && !strippedSubnets.has(s.key);
  const routeTableUsers = new Map<string, SubnetInfo[]>();
  const nsgUsers = new Map<string, boolean[]>();
  for (const s of index.subnets.values()) {
    if (s.routeTableId) {
      const k = keyOf(s.routeTableId);
      routeTableUsers.set(k, [...(routeTableUsers.get(k) ?? []), s]);
    }
    if (s.nsgId) {
      const k = keyOf(s.nsgId);
      nsgUsers.set(k, [...(nsgUsers.get(k) ?? []), keepsIpv6(s)]);
    }
  }
  const removedConfigs = new Set<string>();
  const nicSteps = new Map<string, string>();
  for (const nic of index.nics) {
    const names = nic.ipConfigs.map((c) => c.name);
    const removing = nic.ipConfigs.filter(
      (c) =>
        c.ipv6 && c.subnetKey !== undefined && strippedSubnets.has(c.subnetKey) && isTwinOf(c.name, names),
    );
    for (const c of removing) removedConfigs.add(`${nic.key}/ipconfigurations/${c.name.toLowerCase()}`);
    if (nic.nsgId) {
      const k = keyOf(nic.nsgId);
      nsgUsers.set(k, [
        ...(nsgUsers.get(k) ?? []),
        nic.ipConfigs.some((c) => c.ipv6) && removing.length === 0,
      ]);
    }
  }
  const vnetIdsOf = (subnets: SubnetInfo[]): string[] =>
    [...new Set(subnets.map((s) => s.vnetKey))].sort().map((k) => index.vnets.get(k)?.resource.id ?? k);

  /** canonical next-hop address -> route table steps that stop using it */
  const hopUsers = new Map<string, string[]>();
  for (const [key, table] of [...index.routeTables].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
    const users = routeTableUsers.get(key) ?? [];
    const unused = !users.some(keepsIpv6);
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
      const deadHop = hop !== undefined && removedFrontendAddresses.has(canonicalPrefix(`${hop}/128`));
      if (unused || deadHop || insideAny(prefix, removedBlocks)) {
        removals.push({ op: 'removeChild', path: ['properties', 'routes'], name: nameOf(route) });
        prefixes.push(prefix);
        if (hop !== undefined) hops.add(canonicalPrefix(`${hop}/128`));
      }
    }
    if (removals.length === 0) continue;
    const step = addStep(b, 'routeTable', table, removals, [], vnetIdsOf(users), prefixes);
    for (const hop of hops) hopUsers.set(hop, [...(hopUsers.get(hop) ?? []), step.id]);
  }
  for (const [key, nsg] of [...index.networkSecurityGroups].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
    const unused = !(nsgUsers.get(key) ?? []).some(Boolean);
    const rules = objs(props(nsg).securityRules);
    const names = rules.map(nameOf);
    const removals: Ipv6Removal[] = [];
    const prefixes: string[] = [];
    for (const rule of rules) {
      const ipv6 = rulePrefixes(rule);
      if (ipv6.length === 0 || !isTwinOf(nameOf(rule), names)) continue;
      if (unused || ipv6.every((p) => insideAny(p, removedBlocks))) {
        removals.push({ op: 'removeChild', path: ['properties', 'securityRules'], name: nameOf(rule) });
        prefixes.push(...ipv6);
      }
    }
    const users = [...index.subnets.values()].filter((s) => s.nsgId && keyOf(s.nsgId) === key);
    if (removals.length > 0)
      addStep(b, 'networkSecurityGroup', nsg, removals, [], vnetIdsOf(users), [...new Set(prefixes)]);
  }

  // NICs leave their IPv6 pools by losing the ip configuration that joined them.
  const stepsInSubnet = new Map<string, string[]>();
  const inSubnet = (subnetKey: string, stepId: string): void => {
    stepsInSubnet.set(subnetKey, [...(stepsInSubnet.get(subnetKey) ?? []), stepId]);
  };
  for (const nic of index.nics) {
    const removing = nic.ipConfigs.filter((c) =>
      removedConfigs.has(`${nic.key}/ipconfigurations/${c.name.toLowerCase()}`),
    );
    if (removing.length === 0) continue;
    const subnets = removing.flatMap((c) => (c.subnet ? [c.subnet] : []));
    const step = addStep(
      b,
      'networkInterface',
      nic.resource,
      removing.map((c) => ({ op: 'removeChild', path: ['properties', 'ipConfigurations'], name: c.name })),
      [],
      vnetIdsOf(subnets),
      [],
    );
    nicSteps.set(nic.key, step.id);
    for (const s of subnets) inSubnet(s.key, step.id);
  }

  for (const lb of index.loadBalancers) {
    const frontends = frontendsOf(lb);
    const goneFrontends = frontends.filter(
      (f) => f.ipv6 && f.subnetKey !== undefined && strippedSubnets.has(f.subnetKey),
    );
    const goneKeys = new Set(goneFrontends.map((f) => f.key));
    const rules = rulesOf(lb);
    const goneRules = rules.filter((r) => r.frontendKey !== undefined && goneKeys.has(r.frontendKey));
    const keptRulePools = new Set(rules.filter((r) => !goneRules.includes(r)).flatMap((r) => r.poolKeys));
    const pools = poolsOf(lb);
    const poolNames = pools.map((p) => p.name);
    const dependsOn: string[] = [];
    const gonePools = pools.filter((p) => {
      if (!isTwinOf(p.name, poolNames) || keptRulePools.has(p.key)) return false;
      const members = index.nicsByPool.get(p.key) ?? [];
      // Only an IPv6 pool whose every member leaves with this rollback goes (IPv4 pools never do:
      // their members' IPv4 configurations stay).
      const ipv6Members = members.every((nic) =>
        nic.ipConfigs
          .filter((c) => c.poolKeys.includes(p.key))
          .every((c) => c.ipv6 && removedConfigs.has(`${nic.key}/ipconfigurations/${c.name.toLowerCase()}`)),
      );
      const touched = members.length > 0 || goneRules.some((r) => r.poolKeys.includes(p.key));
      if (!ipv6Members || !touched) return false;
      for (const nic of members) dependsOn.push(nicSteps.get(nic.key) ?? '');
      return true;
    });
    if (goneFrontends.length === 0 && gonePools.length === 0) continue;
    // Routes stop pointing at the NVA frontend before it goes.
    for (const f of goneFrontends)
      if (f.privateIPAddress)
        dependsOn.push(...(hopUsers.get(canonicalPrefix(`${f.privateIPAddress}/128`)) ?? []));
    const removals: Ipv6Removal[] = [
      ...goneRules.map((r) => ({
        op: 'removeChild' as const,
        path: ['properties', 'loadBalancingRules'],
        name: r.name,
      })),
      ...goneFrontends.map((f) => ({
        op: 'removeChild' as const,
        path: ['properties', 'frontendIPConfigurations'],
        name: f.name,
      })),
      ...gonePools.map((p) => ({
        op: 'removeChild' as const,
        path: ['properties', 'backendAddressPools'],
        name: p.name,
      })),
    ];
    const subnets = goneFrontends.flatMap((f) => {
      const s = f.subnetKey ? index.subnets.get(f.subnetKey) : undefined;
      return s ? [s] : [];
    });
    const step = addStep(
      b,
      'loadBalancer',
      lb,
      removals,
      dependsOn.filter((d) => d !== ''),
      vnetIdsOf(subnets),
      goneFrontends.flatMap((f) => (f.privateIPAddress ? [f.privateIPAddress] : [])),
    );
    for (const s of subnets) inSubnet(s.key, step.id);
  }

  // Spokes before the hub: the reverse of the order they gained IPv6 in.
  const ordered = [...rollbacks].sort((x, y) =>
    x.vnet.key === hub.key ? 1 : y.vnet.key === hub.key ? -1 : x.vnet.key < y.vnet.key ? -1 : 1,
  );
  const vnetSteps = new Map<string, string>();
  const tagValue = options.tagValue ?? 'rolled back to IPv4 by Dualstack';
  for (const r of ordered) {
    const removals: Ipv6Removal[] = [];
    const prefixes: string[] = [];
    const deps: string[] = [];
    for (const { subnet, prefixes: gone } of r.subnets.values()) {
      for (const value of gone) removals.push({ op: 'removeSubnetPrefix', subnetName: subnet.name, value });
      prefixes.push(...gone);
      deps.push(...(stepsInSubnet.get(subnet.key) ?? []));
    }
    removals.push({ op: 'removeFromArray', path: ADDRESS_SPACE, value: r.block });
    prefixes.unshift(r.block);
    removals.push({ op: 'setTag', name: config.exclusionTag, value: tagValue });
    if (r.vnet.key === hub.key) deps.push(...vnetSteps.values());
    const step = addStep(
      b,
      'virtualNetwork',
      r.vnet.resource,
      removals,
      deps,
      [r.vnet.resource.id],
      prefixes,
    );
    vnetSteps.set(r.vnet.key, step.id);
  }

  // Each peering whose remote lost (or is losing) its block is synced once, after both sides' VNet
  // writes. Also for a VNet that lost it in an earlier, interrupted rollback: its peers still show it.
  const syncFor = [
    ...ordered.map((r) => ({ vnet: r.vnet, block: r.block })),
    ...unowned.flatMap((vnet) => {
      const block = reserved.get(vnet.key);
      return block && !blocked.has(vnet.key) ? [{ vnet, block }] : [];
    }),
  ];
  for (const { vnet, block } of syncFor) {
    for (const local of vnet.peerings) {
      const remote = local.remoteKey ? index.vnets.get(local.remoteKey) : undefined;
      if (!remote) continue;
      for (const p of remote.peerings) {
        if (p.remoteKey !== vnet.key) continue;
        const known = strs(obj(props(p.body).remoteAddressSpace)?.addressPrefixes);
        const stale =
          known.some((x) => sameIpv6(x, block)) || (known.length === 0 && vnetSteps.has(vnet.key));
        if (!stale) continue;
        const removals: Ipv6Removal[] = [{ op: 'removeFromArray', path: REMOTE_SPACE, value: block }];
        if (obj(props(p.body).remoteVirtualNetworkAddressSpace))
          removals.push({ op: 'removeFromArray', path: REMOTE_VNET_SPACE, value: block });
        const resource = {
          ...p.body,
          id: p.id,
          name: p.name,
          type: str(p.body.type) ?? 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings',
        } as unknown as ArmResource;
        // Run as a write on the VNet holding the peering: runSteps keeps writes on one VNet apart.
        addStep(
          b,
          'peeringSync',
          resource,
          removals,
          [vnetSteps.get(vnet.key), vnetSteps.get(remote.key)],
          [remote.resource.id],
          [block],
        ).summary =
          `sync peering ${remote.resource.name}/${p.name}: remote ${vnet.resource.name} no longer has ${block}`;
      }
    }
  }

  if (hubRollback && !blocked.has(hub.key))
    for (const circuit of index.expressRouteCircuits)
      for (const peering of objs(props(circuit).peerings))
        if (props(peering).ipv6PeeringConfig)
          b.manualActions.push({
            code: 'ExpressRouteIpv6Kept',
            resourceId: `${circuit.id}/peerings/${nameOf(peering)}`,
            message: `${circuit.name} keeps its IPv6 private peering: removing it changes what on-premises routers see`,
            fix: 'Remove ipv6PeeringConfig from the peering with your network team, if it is no longer wanted.',
          });

  // An unowned VNet's reservation is listed when the VNet no longer carries it: the run gives it back.
  const listed: { vnet: VnetInfo; block?: string }[] = [
    ...wanted,
    ...unowned.map((vnet) => {
      const block = reserved.get(vnet.key);
      return block !== undefined && !vnet.ipv6.some((p) => sameIpv6(p, block)) ? { vnet, block } : { vnet };
    }),
  ];
  const vnets: VnetPlan[] = listed.map(({ vnet, block }) => {
    const plan: VnetPlan = {
      vnetId: vnet.resource.id,
      role: vnet.key === hub.key ? 'hub' : 'spoke',
      ipv4Prefixes: vnet.ipv4,
      ipv6Existing: vnet.ipv6.length > 0,
      subnets: vnet.subnets.map((s) => ({
        name: s.name,
        ipv4Prefixes: s.ipv4,
        ...(s.ipv6[0] ? { ipv6Prefix: s.ipv6[0] } : {}),
        existing: s.ipv6.length > 0,
      })),
      stepIds: b.steps.filter((s) => s.vnetId === vnet.resource.id).map((s) => s.id),
    };
    if (block) plan.ipv6Prefix = block;
    if (blocked.has(vnet.key)) plan.blocked = true;
    return plan;
  });
  return {
    schemaVersion: 1,
    hubVnetId: hub.resource.id,
    ipv6Pool: config.ipv6Pool ?? derivePool(hub.resource.id),
    poolGenerated: config.ipv6Pool === undefined,
    vnets,
    steps: b.steps,
    blockers: b.blockers,
    warnings: b.warnings,
    manualActions: b.manualActions,
    reservations: [],
    rollback: true,
  };
}
