import { keyOf } from '../ids';
import type { Json } from '../json';
import { nameOf, objs, props, str, strs } from '../json';
import type { Ipv6Removal } from '../Plan';
import { insideAny, isTwinOf } from './ownership';
import type { RollbackContext } from './RollbackContext';
import { addRemovalStep, ipConfigKey, keepsIpv6, vnetIdsOf } from './RollbackContext';

/** The explicit IPv6 prefixes of each side of a rule (a twin has IPv6 prefixes, tags or `*` only). */
function ipv6Sides(rule: Json): string[][] {
  const p = props(rule);
  return ['source', 'destination'].map((side) => {
    const one = str(p[`${side}AddressPrefix`]);
    return [...strs(p[`${side}AddressPrefixes`]), ...(one ? [one] : [])].filter((x) => x.includes(':'));
  });
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
 * An NSG loses its IPv6 twin rules when nothing using it keeps IPv6, or when a side of the rule
 * names only address space that goes (left in place, such a rule would also keep a later
 * migration from adding a correct twin by that name).
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
      const sides = ipv6Sides(rule);
      const ipv6 = sides.flat();
      if (ipv6.length === 0 || !isTwinOf(nameOf(rule), names)) continue;
      // A side that names only address space that goes can't match anything any more.
      const dead = sides.some(
        (side) => side.length > 0 && side.every((p) => insideAny(p, ctx.removedBlocks)),
      );
      if (unused || dead) {
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
