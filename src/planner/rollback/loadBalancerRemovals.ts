import type { ArmResource } from '../../arm/ArmResource';
import type { Ipv6Removal } from '../Plan';
import { canonicalPrefix } from '../prefixes';
import { frontendsOf, poolsOf, rulesOf } from '../steps/loadBalancerParts';
import { isTwinOf } from './ownership';
import type { RollbackContext } from './RollbackContext';
import { addRemovalStep, addStepInSubnet, ipConfigKey, vnetIdsOf } from './RollbackContext';

/**
 * A load balancer loses its IPv6 frontends in subnets that lose their IPv6, the rules on them,
 * and the IPv6 twin pools left with no member and no rule. The step comes after the NIC steps
 * of the pools' members and after the route steps that stop pointing at its frontends.
 */
function addLoadBalancerRemoval(ctx: RollbackContext, lb: ArmResource): void {
  const frontends = frontendsOf(lb);
  const goneFrontends = frontends.filter(
    (f) => f.ipv6 && f.subnetKey !== undefined && ctx.strippedSubnets.has(f.subnetKey),
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
  const step = addRemovalStep(ctx, {
    kind: 'loadBalancer',
    resource: lb,
    removals,
    dependsOn: dependsOn.filter((d) => d !== ''),
    vnetIds: vnetIdsOf(ctx, subnets),
    ipv6Prefixes: goneFrontends.flatMap((f) => (f.privateIPAddress ? [f.privateIPAddress] : [])),
  });
  for (const s of subnets) addStepInSubnet(ctx, s.key, step.id);
}

/** Every load balancer's step, after the NIC steps. */
export function addLoadBalancerRemovals(ctx: RollbackContext): void {
  for (const lb of ctx.index.loadBalancers) addLoadBalancerRemoval(ctx, lb);
}
