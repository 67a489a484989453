import { keyOf } from '../ids';
import type { Json } from '../json';
import { nameOf, objs, props, str, strs } from '../json';
import type { Ipv6Removal } from '../Plan';
import { insideAny, isTwinOf } from './ownership';
import type { RollbackContext } from './RollbackContext';
import { addRemovalStep, ipConfigKey, keepsIpv6, vnetIdsOf } from './RollbackContext';

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

/** NSG key -> for each subnet and NIC it is associated with, whether that keeps IPv6 after the rollback */
function nsgUsers(ctx: RollbackContext): Map<string, boolean[]> {
  const users = new Map<string, boolean[]>();
  for (const s of ctx.index.subnets.values()) {
    if (s.nsgId) {
      const k = keyOf(s.nsgId);
      users.set(k, [...(users.get(k) ?? []), keepsIpv6(ctx, s)]);
    }
  }
  for (const nic of ctx.index.nics) {
    if (nic.nsgId) {
      const k = keyOf(nic.nsgId);
      const losesIpv6 = nic.ipConfigs.some((c) => ctx.removedConfigs.has(ipConfigKey(nic.key, c.name)));
      users.set(k, [...(users.get(k) ?? []), nic.ipConfigs.some((c) => c.ipv6) && !losesIpv6]);
    }
  }
  return users;
}

/**
 * An NSG loses its IPv6 twin rules when nothing using it keeps IPv6, or when every IPv6 prefix
 * of the rule lies in a /56 that goes.
 */
export function addNsgRemovals(ctx: RollbackContext): void {
  const usersOf = nsgUsers(ctx);
  for (const [key, nsg] of [...ctx.index.networkSecurityGroups].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
    const unused = !(usersOf.get(key) ?? []).some(Boolean);
    const rules = objs(props(nsg).securityRules);
    const names = rules.map(nameOf);
    const removals: Ipv6Removal[] = [];
    const prefixes: string[] = [];
    for (const rule of rules) {
      const ipv6 = rulePrefixes(rule);
      if (ipv6.length === 0 || !isTwinOf(nameOf(rule), names)) continue;
      if (unused || ipv6.every((p) => insideAny(p, ctx.removedBlocks))) {
        removals.push({ op: 'removeChild', path: ['properties', 'securityRules'], name: nameOf(rule) });
        prefixes.push(...ipv6);
      }
    }
    const users = [...ctx.index.subnets.values()].filter((s) => s.nsgId && keyOf(s.nsgId) === key);
    if (removals.length > 0)
      addRemovalStep(ctx, {
        kind: 'networkSecurityGroup',
        resource: nsg,
        removals,
        dependsOn: [],
        vnetIds: vnetIdsOf(ctx, users),
        ipv6Prefixes: [...new Set(prefixes)],
      });
  }
}
