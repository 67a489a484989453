import { contains } from '../../arm/cidr';
import { equalsIgnoreCase } from '../equalsIgnoreCase';
import { parseIpv6Cidr } from '../prefixes';

/**
 * What Dualstack added, told apart from what people added. Rollback removes only these:
 * - IPv6 prefixes inside a /56 that Dualstack reserved for the VNet (the reservation table is
 *   the record of ownership: a VNet's pre-existing IPv6 never gets a reservation);
 * - children named `<name>-ipv6` next to a sibling `<name>`: the twins the planner names so.
 */
export function isTwinOf(name: string, siblings: readonly string[]): boolean {
  if (!name.toLowerCase().endsWith('-ipv6')) return false;
  const original = name.slice(0, -'-ipv6'.length);
  return siblings.some((s) => equalsIgnoreCase(s, original));
}

/** True when `prefix` (IPv6 CIDR or address) lies inside one of `blocks`. */
export function insideAny(prefix: string, blocks: readonly string[]): boolean {
  const inner = parseIpv6Cidr(prefix.includes('/') ? prefix : `${prefix}/128`);
  if (!inner) return false;
  return blocks.some((b) => {
    const outer = parseIpv6Cidr(b);
    return outer !== undefined && contains(outer, inner);
  });
}
