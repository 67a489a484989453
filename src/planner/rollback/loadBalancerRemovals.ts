import type { ArmResource } from '../../arm/ArmResource';
import type { Ipv6Removal } from '../Plan';
import { canonicalPrefix } from '../prefixes';
import { keyOf } from '../ids';
import { nameOf, objs, props, refId, refIds } from '../json';
import type { Frontend, Pool, Rule } from '../steps/loadBalancerParts';
import { frontendsOf, poolsOf, rulesOf } from '../steps/loadBalancerParts';
import { addPublicIpRemoval, createdPublicIp } from './publicIpRemovals';
import { isTwinOf } from './ownership';
import type { RollbackContext } from './RollbackContext';
import { addRemovalStep, addStepInSubnet, ipConfigKey, vnetIdsOf } from './RollbackContext';

/**
 * A load balancer loses its IPv6 frontends in subnets that lose their IPv6, the rules on them,
 * and the IPv6 twin pools left with no member and no rule. The step comes after the NIC steps
 * of the pools' members and after the route steps that stop pointing at its frontends.
 */
function addLoadBalancerRemoval(ctx: RollbackContext, lb: ArmResource): void {
  const frontends = frontendsOf(lb, ctx.index.publicIpAddresses);
  const rules = rulesOf(lb);
  const pools = poolsOf(lb);
  const poolNames = pools.map((p) => p.name);
  const outbound = objs(props(lb).outboundRules).map((r) => ({
    name: nameOf(r),
    frontendKeys: refIds(props(r).frontendIPConfigurations).map(keyOf),
    poolKey: refId(props(r).backendAddressPool),
  }));
  const publicTwins = publicFrontendTwins(ctx, frontends, rules, outbound, pools);
  const goneFrontends = [
    ...frontends.filter((f) => f.ipv6 && f.subnetKey !== undefined && ctx.strippedSubnets.has(f.subnetKey)),
    ...publicTwins.map((t) => t.frontend),
  ];
  const goneKeys = new Set(goneFrontends.map((f) => f.key));
  const goneRules = rules.filter((r) => r.frontendKey !== undefined && goneKeys.has(r.frontendKey));
  const goneOutbound = outbound.filter((r) => r.frontendKeys.some((k) => goneKeys.has(k)));
  const keptRulePools = new Set([
    ...rules.filter((r) => !goneRules.includes(r)).flatMap((r) => r.poolKeys),
    ...outbound.filter((r) => !goneOutbound.includes(r) && r.poolKey).map((r) => keyOf(r.poolKey ?? '')),
  ]);
  const dependsOn: string[] = [];
  const gonePools = pools.filter((p) => {
    if (!isTwinOf(p.name, poolNames) || keptRulePools.has(p.key)) return false;
    const members = ctx.index.nicsByPool.get(p.key) ?? [];
    // Only an IPv6 pool whose every member leaves with this rollback goes (IPv4 pools never do:
    // their members' IPv4 configurations stay).
    const ipv6Members = members.every((nic) =>
      nic.ipConfigs
        .filter((c) => c.poolKeys.includes(p.key))
        .every((c) => c.ipv6 && ctx.removedConfigs.has(ipConfigKey(nic.key, c.name))),
    );
    const touched = members.length > 0 || goneRules.some((r) => r.poolKeys.includes(p.key));
    if (!ipv6Members || !touched) return false;
    for (const nic of members) dependsOn.push(ctx.nicSteps.get(nic.key) ?? '');
    return true;
  });
  if (goneFrontends.length === 0 && gonePools.length === 0) return;
  // Routes stop pointing at the NVA frontend before it goes.
  for (const f of goneFrontends)
    if (f.privateIPAddress)
      dependsOn.push(...(ctx.hopUsers.get(canonicalPrefix(`${f.privateIPAddress}/128`)) ?? []));
  const removals: Ipv6Removal[] = [
    ...goneRules.map((r) => ({
      op: 'removeChild' as const,
      path: ['properties', 'loadBalancingRules'],
      name: r.name,
    })),
    ...goneOutbound.map((r) => ({
      op: 'removeChild' as const,
      path: ['properties', 'outboundRules'],
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
    const s = f.subnetKey ? ctx.index.subnets.get(f.subnetKey) : undefined;
    return s ? [s] : [];
  });
  // A public load balancer's VNets are its members' (its frontends sit in no subnet).
  const memberSubnets = gonePools.flatMap((p) =>
    (ctx.index.nicsByPool.get(p.key) ?? []).flatMap((nic) =>
      nic.ipConfigs.flatMap((c) => (c.poolKeys.includes(p.key) && c.subnet ? [c.subnet] : [])),
    ),
  );
  const step = addRemovalStep(ctx, {
    kind: 'loadBalancer',
    resource: lb,
    removals,
    dependsOn: dependsOn.filter((d) => d !== ''),
    vnetIds: vnetIdsOf(ctx, subnets.length > 0 ? subnets : memberSubnets),
    ipv6Prefixes: goneFrontends.flatMap((f) => (f.privateIPAddress ? [f.privateIPAddress] : [])),
  });
  for (const s of subnets) addStepInSubnet(ctx, s.key, step.id);
  for (const t of publicTwins)
    if (t.createdPublicIp) addPublicIpRemoval(ctx, t.createdPublicIp, step.id, step.vnetIds);
}

/**
 * Public IPv6 frontends Dualstack added (`<name>-ipv6` beside a public `<name>`) that go: every rule
 * and outbound rule on them feeds an IPv6 twin pool whose members all leave with this rollback. With
 * them go the IPv6 public IPs Dualstack created for them.
 */
function publicFrontendTwins(
  ctx: RollbackContext,
  frontends: Frontend[],
  rules: Rule[],
  outbound: { frontendKeys: string[]; poolKey?: string }[],
  pools: Pool[],
): { frontend: Frontend; createdPublicIp?: string }[] {
  const names = frontends.map((f) => f.name);
  const poolNames = pools.map((p) => p.name);
  const leaves = (poolKey: string): boolean => {
    const pool = pools.find((p) => p.key === poolKey);
    const members = ctx.index.nicsByPool.get(poolKey) ?? [];
    return (
      pool !== undefined &&
      isTwinOf(pool.name, poolNames) &&
      members.length > 0 &&
      members.every((nic) =>
        nic.ipConfigs
          .filter((c) => c.poolKeys.includes(poolKey))
          .every((c) => c.ipv6 && ctx.removedConfigs.has(ipConfigKey(nic.key, c.name))),
      )
    );
  };
  return frontends.flatMap((f) => {
    if (!f.ipv6 || !f.isPublic || !isTwinOf(f.name, names)) return [];
    const fed = [
      ...rules.filter((r) => r.frontendKey === f.key).flatMap((r) => r.poolKeys),
      ...outbound
        .filter((r) => r.frontendKeys.includes(f.key))
        .flatMap((r) => (r.poolKey ? [keyOf(r.poolKey)] : [])),
    ];
    if (fed.length === 0 || !fed.every(leaves)) return [];
    const ipv4 = frontends.find((o) => `${o.name}-ipv6`.toLowerCase() === f.name.toLowerCase());
    const created = ipv4 ? createdPublicIp(ctx, f.body, ipv4.body) : undefined;
    return [{ frontend: f, ...(created ? { createdPublicIp: created } : {}) }];
  });
}

/** Every load balancer's step, after the NIC steps. */
export function addLoadBalancerRemovals(ctx: RollbackContext): void {
  for (const lb of ctx.index.loadBalancers) addLoadBalancerRemoval(ctx, lb);
}
