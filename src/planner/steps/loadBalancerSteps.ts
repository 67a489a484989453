import type { ArmResource } from '../../arm/ArmResource';
import type { Ipv6Addition } from '../Plan';
import type { PlanContext } from '../PlanContext';
import { addStep, stepIdOf, vnetStepId } from '../PlanContext';
import { isExcluded } from '../discovery/discoverVnets';
import { keyOf } from '../ids';
import type { Json } from '../json';
import { cloneJson, nameOf, objs, props, refId, refIds } from '../json';
import { publicIpv6Twin } from './publicIpSteps';
import type { Frontend, Pool } from './loadBalancerParts';
import { frontendsOf, isStandard, poolsOf, rulesOf, twinName } from './loadBalancerParts';
import { leftFailed, stepSummary } from './leftFailed';

/** The lists twins go into; one path each for every addition (plans are immutable). */
const FRONTENDS = ['properties', 'frontendIPConfigurations'];
const POOLS = ['properties', 'backendAddressPools'];
const RULES = ['properties', 'loadBalancingRules'];
const OUTBOUND_RULES = ['properties', 'outboundRules'];

const SKIPPED_RULE_PROPERTIES = new Set([
  'provisioningState',
  'frontendIPConfiguration',
  'backendAddressPool',
  'backendAddressPools',
]);

/** VNets a load balancer serves: those of its frontends and of the NICs in its pools. */
function servedVnets(ctx: PlanContext, frontends: Frontend[], pools: Pool[]): Set<string> {
  const vnets = new Set<string>();
  for (const f of frontends) {
    const v = f.subnetKey ? ctx.index.subnets.get(f.subnetKey)?.vnetKey : undefined;
    if (v && ctx.inPlay.has(v) && !ctx.blocked.has(v)) vnets.add(v);
  }
  // A pool's members mostly sit in one VNet: each VNet is looked up once per run of members.
  let last: string | undefined;
  for (const p of pools)
    for (const nic of ctx.index.nicsByPool.get(p.key) ?? [])
      for (const c of nic.ipConfigs) {
        const v = c.subnet?.vnetKey;
        if (v === last) continue;
        last = v;
        if (v && ctx.inPlay.has(v) && !ctx.blocked.has(v)) vnets.add(v);
      }
  return vnets;
}

function hasDualStackMember(ctx: PlanContext, pool: Pool): boolean {
  return (ctx.index.nicsByPool.get(pool.key) ?? []).some((nic) =>
    nic.ipConfigs.some((c) => c.subnetKey !== undefined && ctx.subnetIpv6.has(c.subnetKey)),
  );
}

function warnBackendsWithoutNsg(ctx: PlanContext, pool: Pool, warned: Set<string>): void {
  for (const nic of ctx.index.nicsByPool.get(pool.key) ?? [])
    for (const c of nic.ipConfigs) {
      const subnet = c.subnet;
      if (!subnet || subnet.nsgId || nic.nsgId || warned.has(subnet.key)) continue;
      warned.add(subnet.key);
      ctx.warnings.push({
        code: 'BackendSubnetWithoutNsg',
        resourceId: subnet.id,
        message: `subnet ${subnet.name} holds members of a dual-stack backend pool but has no NSG: IPv6 health probes fail without one`,
        fix: 'Associate an NSG with the subnet.',
      });
    }
}

/**
 * The IPv6 twin of a public IPv4 frontend: a frontend on the IPv4 public IP's Standard static IPv6
 * twin (publicIpSteps.ts). Returns the twin frontend's id, or undefined when it gets none.
 */
function publicFrontendTwin(
  ctx: PlanContext,
  lb: ArmResource,
  fe: Frontend,
  vnets: Set<string>,
  out: { additions: Ipv6Addition[]; added: string[]; dependsOn: string[] },
): string | undefined {
  if (!fe.publicIpId) {
    ctx.manualActions.push({
      code: 'PublicIpPrefixFrontendNotMirrored',
      resourceId: fe.id,
      message: `frontend ${fe.name} of ${lb.name} uses a public IP prefix: Dualstack mirrors frontends on single public IPs only`,
      fix: 'Create an IPv6 public IP prefix (/124–/127) and a frontend, rules and outbound rules on it by hand if the service must be reachable over IPv6.',
    });
    return undefined;
  }
  const pip = publicIpv6Twin(ctx, fe.publicIpId, `frontend ${fe.name} of ${lb.name}`, [...vnets]);
  if (!pip) return undefined;
  if (pip.stepId) out.dependsOn.push(pip.stepId);
  const name = twinName(fe.name);
  const id = `${lb.id}/frontendIPConfigurations/${name}`;
  out.additions.push({
    op: 'addChild',
    path: FRONTENDS,
    value: { name, id, properties: { publicIPAddress: { id: pip.id } } },
  });
  out.added.push(`${name} (public ${pip.id.split('/').pop() ?? pip.id})`);
  return id;
}

/** IPv6 twins of outbound rules whose frontends and pool all have twins (a public load balancer's SNAT). */
function outboundRuleTwins(
  lb: ArmResource,
  feTwins: Map<string, string>,
  poolTwin: (key: string) => string | undefined,
  out: { additions: Ipv6Addition[]; added: string[] },
): void {
  const rules = objs(props(lb).outboundRules);
  const names = new Set(rules.map((r) => nameOf(r).toLowerCase()));
  for (const rule of rules) {
    const rp = props(rule);
    const name = twinName(nameOf(rule));
    if (names.has(name.toLowerCase()) || nameOf(rule).toLowerCase().endsWith('-ipv6')) continue;
    const fes = refIds(rp.frontendIPConfigurations).map((id) => feTwins.get(keyOf(id)));
    const pool = refId(rp.backendAddressPool);
    const twinPool = pool ? poolTwin(keyOf(pool)) : undefined;
    if (fes.length === 0 || fes.some((f) => !f) || !twinPool) continue;
    const properties: Json = {};
    for (const k of Object.keys(rp))
      if (k !== 'provisioningState' && k !== 'frontendIPConfigurations' && k !== 'backendAddressPool')
        properties[k] = cloneJson(rp[k]);
    properties.frontendIPConfigurations = fes.map((id) => ({ id }));
    properties.backendAddressPool = { id: twinPool };
    out.additions.push({ op: 'addChild', path: OUTBOUND_RULES, value: { name, properties } });
    out.added.push(name);
  }
}

/**
 * Standard load balancers: an IPv6 frontend per IPv4 frontend (internal: in the dual-stack subnet;
 * public: on a new Standard static IPv6 public IP), an IPv6 twin of every pool in use, of every rule
 * and of every outbound rule. Twins are named `<name>-ipv6`.
 */
export function addLoadBalancerStep(ctx: PlanContext, lb: ArmResource, warnedSubnets: Set<string>): void {
  const frontends = frontendsOf(lb, ctx.index.publicIpAddresses);
  const pools = poolsOf(lb);
  const vnets = servedVnets(ctx, frontends, pools);
  if (vnets.size === 0 || isExcluded(lb, ctx.config.exclusionTag)) return;
  const rules = rulesOf(lb);
  const lbKey = keyOf(lb.id);
  // Every pool twin (planned or existing) is this load balancer's, so its members wait for this step.
  const stepId = stepIdOf('loadBalancer', lbKey);
  const names = (list: { name: string }[]) => new Set(list.map((x) => x.name.toLowerCase()));
  const feNames = names(frontends);
  const poolNames = names(pools);
  const ruleNames = names(rules);
  const additions: Ipv6Addition[] = [];
  const added: string[] = [];
  const publicDependsOn: string[] = [];
  const standard = isStandard(lb);
  let basicPublic = false;

  /** IPv4 frontend key -> id of its IPv6 twin (existing or planned) */
  const feTwins = new Map<string, string>();
  for (const fe of frontends) {
    if (fe.ipv6) continue;
    if (fe.isPublic) {
      const existing = frontends.find(
        (f) => f.ipv6 && f.isPublic && f.name.toLowerCase() === twinName(fe.name).toLowerCase(),
      );
      if (existing) feTwins.set(fe.key, existing.id);
      else if (feNames.has(twinName(fe.name).toLowerCase())) continue;
      else if (!standard) basicPublic = true;
      else {
        const id = publicFrontendTwin(ctx, lb, fe, vnets, { additions, added, dependsOn: publicDependsOn });
        if (id) feTwins.set(fe.key, id);
      }
      continue;
    }
    if (!fe.subnetKey) continue;
    const existing = frontends.find(
      (f) =>
        f.ipv6 && (f.name.toLowerCase() === twinName(fe.name).toLowerCase() || f.subnetKey === fe.subnetKey),
    );
    if (existing) {
      feTwins.set(fe.key, existing.id);
      continue;
    }
    const subnetIpv6 = ctx.subnetIpv6.get(fe.subnetKey);
    if (!subnetIpv6 || feNames.has(twinName(fe.name).toLowerCase())) continue;
    const name = twinName(fe.name);
    const id = `${lb.id}/frontendIPConfigurations/${name}`;
    const staticAddress = ctx.staticFrontends.get(fe.key);
    const properties: Json = {
      privateIPAddressVersion: 'IPv6',
      privateIPAllocationMethod: staticAddress ? 'Static' : 'Dynamic',
      subnet: { id: ctx.index.subnets.get(fe.subnetKey)?.id ?? fe.subnetKey },
    };
    if (staticAddress) properties.privateIPAddress = staticAddress;
    const zones = Array.isArray(fe.body.zones) ? { zones: cloneJson(fe.body.zones) } : {};
    additions.push({
      op: 'addChild',
      path: FRONTENDS,
      value: { name, id, ...zones, properties },
    });
    added.push(staticAddress ? `${name} ${staticAddress}` : `${name} (${subnetIpv6})`);
    feTwins.set(fe.key, id);
  }

  const ipv6Frontends = new Set(frontends.filter((f) => f.ipv6).map((f) => f.key));
  const ipv4Rules = rules.filter((r) => r.frontendKey && !ipv6Frontends.has(r.frontendKey));
  const ipv6PoolKeys = new Set(
    rules.filter((r) => r.frontendKey && ipv6Frontends.has(r.frontendKey)).flatMap((r) => r.poolKeys),
  );
  // A pool needs a twin when IPv6 traffic will reach it: a rule whose frontend gets a twin, or members that get IPv6.
  const outboundPools = objs(props(lb).outboundRules).flatMap((r) => {
    const pool = refId(props(r).backendAddressPool);
    const fes = refIds(props(r).frontendIPConfigurations);
    return pool && fes.length > 0 && fes.every((f) => feTwins.has(keyOf(f))) ? [keyOf(pool)] : [];
  });
  const inUse = new Set([
    ...ipv4Rules.filter((r) => r.frontendKey && feTwins.has(r.frontendKey)).flatMap((r) => r.poolKeys),
    ...outboundPools,
    ...pools.filter((p) => hasDualStackMember(ctx, p)).map((p) => p.key),
  ]);
  for (const pool of pools) {
    if (!inUse.has(pool.key) || ipv6PoolKeys.has(pool.key) || pool.name.toLowerCase().endsWith('-ipv6'))
      continue;
    const name = twinName(pool.name);
    const id = `${lb.id}/backendAddressPools/${name}`;
    const existing = pools.find((p) => p.name.toLowerCase() === name.toLowerCase());
    ctx.poolTwins.set(pool.key, { id: existing?.id ?? id, stepId });
    if (existing || poolNames.has(name.toLowerCase())) continue;
    additions.push({
      op: 'addChild',
      path: POOLS,
      value: { name, id, properties: {} },
    });
    added.push(name);
    warnBackendsWithoutNsg(ctx, pool, warnedSubnets);
  }

  for (const rule of ipv4Rules) {
    const fe = rule.frontendKey ? feTwins.get(rule.frontendKey) : undefined;
    const twinPools = rule.poolKeys.map((k) => ctx.poolTwins.get(k)?.id);
    const name = twinName(rule.name);
    if (!fe || twinPools.length === 0 || twinPools.some((p) => !p) || ruleNames.has(name.toLowerCase()))
      continue;
    const rp = props(rule.body);
    const properties: Json = {};
    for (const k of Object.keys(rp)) if (!SKIPPED_RULE_PROPERTIES.has(k)) properties[k] = cloneJson(rp[k]);
    properties.frontendIPConfiguration = { id: fe };
    if (rp.backendAddressPool !== undefined || twinPools.length === 1)
      properties.backendAddressPool = { id: twinPools[0] };
    if (Array.isArray(rp.backendAddressPools))
      properties.backendAddressPools = twinPools.map((id) => ({ id }));
    const publicFrontend = frontends.find((f) => f.key === rule.frontendKey)?.isPublic === true;
    if (rp.enableFloatingIP === true && !publicFrontend) {
      properties.enableFloatingIP = false;
      ctx.warnings.push({
        code: 'FloatingIpNotCarried',
        resourceId: lb.id,
        message: `rule ${rule.name} uses floating IP, which dual stack supports only on public load balancers: its IPv6 twin has floating IP off`,
      });
    }
    additions.push({
      op: 'addChild',
      path: RULES,
      value: { name, properties },
    });
    added.push(name);
  }
  outboundRuleTwins(lb, feTwins, (k) => ctx.poolTwins.get(k)?.id, { additions, added });
  if (additions.length === 0 && !basicPublic && !(standard && leftFailed(lb))) return;
  if (!standard) {
    ctx.blockers.push({
      code: 'BasicLoadBalancer',
      resourceId: lb.id,
      message: `${lb.name} is a Basic load balancer; only Standard load balancers support dual-stack frontends`,
      fix: "Upgrade it to Standard with Microsoft's Basic-to-Standard load balancer upgrade (PowerShell module AzureBasicLoadBalancerUpgrade, Start-AzBasicLoadBalancerUpgrade; it upgrades its public IPs too), then plan again.",
    });
    for (const p of pools) ctx.poolTwins.delete(p.key);
    return;
  }
  const natRules = objs(props(lb).inboundNatRules).filter((r) => {
    const fe = refId(props(r).frontendIPConfiguration);
    return fe !== undefined && feTwins.has(keyOf(fe)) && !nameOf(r).toLowerCase().endsWith('-ipv6');
  });
  if (natRules.length > 0)
    ctx.manualActions.push({
      code: 'InboundNatRulesNotMirrored',
      resourceId: lb.id,
      message: `${lb.name} has ${natRules.length} inbound NAT rule(s) on frontends that get an IPv6 twin (${natRules.map(nameOf).join(', ')}): NAT rules bind single ip configurations, so Dualstack leaves them IPv4`,
      fix: 'Add IPv6 inbound NAT rules on the -ipv6 frontend by hand where a backend must be reachable on its own over IPv6.',
    });
  const keys = [...vnets].sort();
  addStep(ctx, {
    kind: 'loadBalancer',
    resource: lb,
    resourceKey: lbKey,
    additions,
    dependsOn: [...keys.map((k) => vnetStepId(ctx, k)), ...publicDependsOn],
    vnetKeys: keys,
    ipv6Prefixes: [],
    summary: stepSummary(`load balancer ${lb.name}`, additions.length, () => `IPv6 ${added.join(', ')}`),
  });
}
