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

/**
 * IPv6 blocks to test prefixes against: one hash lookup per distinct block length, however many
 * blocks (a whole-estate rollback tests every route and rule against every spoke's /56).
 */
export class BlockSet {
  /** block length -> the blocks' network bits of that length, as hex */
  private readonly byLength = new Map<number, Set<string>>();

  constructor(blocks: readonly string[]) {
    for (const b of blocks) {
      const cidr = parseIpv6Cidr(b);
      if (!cidr) continue;
      let nets = this.byLength.get(cidr.length);
      if (!nets) this.byLength.set(cidr.length, (nets = new Set()));
      nets.add((cidr.network >> BigInt(128 - cidr.length)).toString(16));
    }
  }

  /** True when `prefix` (an IPv6 CIDR or address) lies inside one of the blocks. */
  has(prefix: string): boolean {
    if (this.byLength.size === 0 || !prefix.includes(':')) return false;
    const inner = parseIpv6Cidr(prefix.includes('/') ? prefix : `${prefix}/128`);
    if (!inner) return false;
    for (const [length, nets] of this.byLength)
      if (length <= inner.length && nets.has((inner.network >> BigInt(128 - length)).toString(16)))
        return true;
    return false;
  }
}
