import type { Cidr } from '../../arm/cidr';
import { contains, formatCidr, lastAddress, overlaps, parseCidr } from '../../arm/cidr';
import { idKey } from '../../arm/resourceId';
import type { Finding } from '../Plan';
import type { PrefixReservation } from '../PrefixReservation';
import type { EstateIndex, VnetInfo } from '../discovery/EstateIndex';
import { parseIpv6Cidr } from '../prefixes';
import { preferredSlot } from './preferredSlot';
import { SlotSet } from './SlotSet';

export interface VnetPrefix {
  prefix: string;
  cidr: Cidr;
  /** the VNet already had it in ARM */
  existing: boolean;
  source: 'existing' | 'reservation' | 'hub' | 'hashed';
}

export interface VnetPrefixPlan {
  prefixes: Map<string, VnetPrefix>;
  /** VNets that needed a block and didn't get one (pool too small) */
  unplaced: string[];
  blockers: Finding[];
  warnings: Finding[];
  /** free blocks left in the pool once every VNet has its block */
  freeBlocks: bigint;
}

export interface VnetPrefixOptions {
  /** blocks allocated to something other than a VNet (an IPAM pool's other allocations): never planned */
  taken?: readonly Cidr[];
  /** the blocker when the pool has too few free blocks (default: PoolTooSmall, about ipv6Pool) */
  tooSmall?: (free: bigint, needed: number, used: bigint) => Finding;
}

interface Owned {
  cidr: Cidr;
  text: string;
  vnetId: string;
}

function overlapBlockers(owned: Owned[]): Finding[] {
  const sorted = [...owned].sort((a, b) =>
    a.cidr.network < b.cidr.network ? -1 : a.cidr.network > b.cidr.network ? 1 : 0,
  );
  const blockers: Finding[] = [];
  let widest: Owned | undefined;
  for (const cur of sorted) {
    if (
      widest &&
      cur.cidr.network <= lastAddress(widest.cidr) &&
      idKey(widest.vnetId) !== idKey(cur.vnetId)
    ) {
      blockers.push({
        code: 'Ipv6Overlap',
        resourceId: cur.vnetId,
        message: `IPv6 prefix ${cur.text} of ${cur.vnetId} overlaps ${widest.text} of ${widest.vnetId}`,
        fix: 'Renumber one of the two VNets by hand; the planner never renumbers existing IPv6.',
      });
    }
    if (!widest || lastAddress(cur.cidr) > lastAddress(widest.cidr)) widest = cur;
  }
  return blockers;
}

/** Slot lookup for blocks inside the pool (the common case); a scan for anything else. */
function clashes(slots: SlotSet, cidr: Cidr, owned: Owned[], held: Map<string, Owned>): boolean {
  if (contains(slots.pool as Cidr, cidr) && cidr.length >= slots.slotLength) return slots.hasPrefix(cidr);
  return owned.some((o) => overlaps(o.cidr, cidr)) || [...held.values()].some((o) => overlaps(o.cidr, cidr));
}

/**
 * The VNet blocks. Order of precedence, each never disturbing the one before:
 * 1. IPv6 a VNet already has in ARM (never renumbered);
 * 2. a reservation held for that VNet (input from the reservation table);
 * 3. the hub: slot 0 of the pool when free;
 * 4. new spokes in id order: the hash-preferred slot, else the next free one (linear probe).
 * Every existing IPv6 prefix and every reservation (of any VNet) is taken before step 3.
 */
export function planVnetPrefixes(
  index: EstateIndex,
  hub: VnetInfo,
  spokes: VnetInfo[],
  pool: Cidr,
  vnetPrefixLength: number,
  reservations: PrefixReservation[],
  options: VnetPrefixOptions = {},
): VnetPrefixPlan {
  const prefixes = new Map<string, VnetPrefix>();
  const blockers: Finding[] = [];
  const warnings: Finding[] = [];
  const slots = new SlotSet(pool, vnetPrefixLength);
  const owned: Owned[] = [];
  for (const vnet of index.vnets.values()) {
    for (const text of vnet.ipv6) {
      const cidr = parseIpv6Cidr(text);
      if (!cidr) continue;
      owned.push({ cidr, text, vnetId: vnet.resource.id });
      slots.markPrefix(cidr);
    }
    const first = vnet.ipv6.map(parseIpv6Cidr).find((c) => c !== undefined);
    if (first)
      prefixes.set(vnet.key, { prefix: formatCidr(first), cidr: first, existing: true, source: 'existing' });
  }
  blockers.push(...overlapBlockers(owned));

  const reserved = [...reservations].sort((a, b) => (idKey(a.vnetId) < idKey(b.vnetId) ? -1 : 1));
  const heldBy = new Map<string, Owned>();
  for (const r of reserved) {
    const key = idKey(r.vnetId);
    const cidr = parseCidr(r.prefix);
    if (cidr?.version !== 'IPv6') {
      warnings.push({
        code: 'ReservationIgnored',
        resourceId: r.vnetId,
        message: `reservation ${JSON.stringify(r.prefix)} is not an IPv6 CIDR`,
      });
      continue;
    }
    const current = prefixes.get(key);
    if (current) {
      if (current.existing && formatCidr(current.cidr) !== formatCidr(cidr))
        warnings.push({
          code: 'ReservationIgnored',
          resourceId: r.vnetId,
          message: `reservation ${r.prefix} differs from the IPv6 the VNet already has (${current.prefix}); the existing prefix is kept`,
          fix: 'Release the stale reservation.',
        });
      continue;
    }
    if (clashes(slots, cidr, owned, heldBy)) {
      warnings.push({
        code: 'ReservationIgnored',
        resourceId: r.vnetId,
        message: `reservation ${r.prefix} overlaps IPv6 already in use by another VNet or reservation; a new block is planned`,
        fix: 'Release the stale reservation.',
      });
      continue;
    }
    heldBy.set(key, { cidr, text: r.prefix, vnetId: r.vnetId });
    slots.markPrefix(cidr);
    prefixes.set(key, { prefix: formatCidr(cidr), cidr, existing: false, source: 'reservation' });
  }

  // After the reservations: a VNet's own allocation may be part of what the pool reports as allocated.
  for (const cidr of options.taken ?? []) slots.markPrefix(cidr);
  const needing = [hub, ...spokes].filter((v) => !prefixes.has(v.key));
  const available = slots.free();
  if (BigInt(needing.length) > available) {
    blockers.push(
      options.tooSmall?.(available, needing.length, slots.count - available) ?? {
        code: 'PoolTooSmall',
        resourceId: hub.resource.id,
        message: `the IPv6 pool ${formatCidr(pool)} has ${available} free /${vnetPrefixLength} blocks; ${needing.length} are needed`,
        fix: `Configure a larger ipv6Pool (at least ${needing.length + Number(slots.count - available)} /${vnetPrefixLength} blocks).`,
      },
    );
  }
  const unplaced: string[] = [];
  for (const vnet of needing) {
    const isHub = vnet === hub;
    const slot = isHub ? slots.probe(0n) : slots.probe(preferredSlot(vnet.resource.id, slots.count), 1n);
    if (slot === undefined) {
      unplaced.push(vnet.key);
      continue;
    }
    slots.mark(slot);
    const cidr: Cidr = {
      version: 'IPv6',
      network: slots.networkOf(slot),
      address: slots.networkOf(slot),
      length: vnetPrefixLength,
    };
    prefixes.set(vnet.key, {
      prefix: formatCidr(cidr),
      cidr,
      existing: false,
      source: isHub ? 'hub' : 'hashed',
    });
  }
  return { prefixes, unplaced, blockers, warnings, freeBlocks: slots.free() };
}
