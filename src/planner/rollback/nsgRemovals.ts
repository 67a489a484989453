import type { SubnetInfo } from '../discovery/EstateIndex';
import { keyOf } from '../ids';
import type { Json } from '../json';
import { nameOf, objs, props, str, strs } from '../json';
import type { Ipv6Removal } from '../Plan';
import { isTwinOf } from './ownership';
import type { RollbackContext } from './RollbackContext';
import { addRemovalStep, ipConfigKey, keepsIpv6, pushTo, vnetIdsOf } from './RollbackContext';

/** The explicit IPv6 prefixes of each side of a rule (a twin has IPv6 prefixes, tags or `*` only). */
function ipv6Sides(rule: Json): string[][] {
  const p = props(rule);
  return ['source', 'destination'].map((side) => {
    const one = str(p[`${side}AddressPrefix`]);
    return [...strs(p[`${side}AddressPrefixes`]), ...(one ? [one] : [])].filter((x) => x.includes(':'));
  });
}

interface NsgUsers {
  /** NSG keys some subnet or NIC of which keeps IPv6 after the rollback */
  keepIpv6: Set<string>;
  /** NSG key -> the subnets it is associated with */
  subnets: Map<string, SubnetInfo[]>;
}

function nsgUsers(ctx: RollbackContext): NsgUsers {
  const users: NsgUsers = { keepIpv6: new Set(), subnets: new Map() };
  for (const s of ctx.index.subnets.values()) {
    if (!s.nsgId) continue;
    const k = keyOf(s.nsgId);
    pushTo(users.subnets, k, s);
    if (keepsIpv6(ctx, s)) users.keepIpv6.add(k);
  }
  for (const nic of ctx.index.nics) {
    if (!nic.nsgId) continue;
    const losesIpv6 = nic.ipConfigs.some((c) => ctx.removedConfigs.has(ipConfigKey(nic.key, c.name)));
    if (nic.ipConfigs.some((c) => c.ipv6) && !losesIpv6) users.keepIpv6.add(keyOf(nic.nsgId));
  }
  return users;
}

/**
 * An NSG loses its IPv6 twin rules when nothing using it keeps IPv6, or when a side of the rule
 * names only address space that goes (left in place, such a rule would also keep a later
 * migration from adding a correct twin by that name).
 */
export function addNsgRemovals(ctx: RollbackContext): void {
  const users = nsgUsers(ctx);
  for (const [key, nsg] of [...ctx.index.networkSecurityGroups].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
    const unused = !users.keepIpv6.has(key);
    const rules = objs(props(nsg).securityRules);
    const names = rules.map(nameOf);
    const removals: Ipv6Removal[] = [];
    const prefixes: string[] = [];
    for (const rule of rules) {
      const sides = ipv6Sides(rule);
      const ipv6 = sides.flat();
      if (ipv6.length === 0 || !isTwinOf(nameOf(rule), names)) continue;
      // A side that names only address space that goes can't match anything any more.
      const dead = sides.some((side) => side.length > 0 && side.every((p) => ctx.removedBlocks.has(p)));
      if (unused || dead) {
        removals.push({ op: 'removeChild', path: ['properties', 'securityRules'], name: nameOf(rule) });
        prefixes.push(...ipv6);
      }
    }
    if (removals.length > 0)
      addRemovalStep(ctx, {
        kind: 'networkSecurityGroup',
        resource: nsg,
        removals,
        dependsOn: [],
        vnetIds: vnetIdsOf(ctx, users.subnets.get(key) ?? []),
        ipv6Prefixes: [...new Set(prefixes)],
      });
  }
}
