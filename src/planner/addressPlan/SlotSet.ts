import type { Cidr } from '../../arm/cidr';
import { lastAddress } from '../../arm/cidr';

/**
 * The /N blocks ("slots") of a pool that are taken. Single slots live in a Set;
 * a prefix wider than a slot marks a range, of which there are few.
 */
export class SlotSet {
  readonly count: bigint;
  private readonly shift: bigint;
  private readonly singles = new Set<bigint>();
  private readonly ranges: [bigint, bigint][] = [];

  constructor(
    readonly pool: Pick<Cidr, 'version' | 'network' | 'length'>,
    readonly slotLength: number,
  ) {
    this.count = 1n << BigInt(slotLength - pool.length);
    this.shift = BigInt(128 - slotLength);
  }

  /** Slot index → network address of that slot. */
  networkOf(slot: bigint): bigint {
    return this.pool.network + (slot << this.shift);
  }

  /** Marks every slot the prefix touches; prefixes outside the pool are ignored. */
  markPrefix(prefix: Pick<Cidr, 'version' | 'network' | 'length'>): void {
    if (prefix.version !== 'IPv6') return;
    const poolLast = lastAddress(this.pool);
    const first = prefix.network > this.pool.network ? prefix.network : this.pool.network;
    const last = lastAddress(prefix) < poolLast ? lastAddress(prefix) : poolLast;
    if (first > last) return;
    const a = (first - this.pool.network) >> this.shift;
    const b = (last - this.pool.network) >> this.shift;
    if (a === b) this.singles.add(a);
    else this.ranges.push([a, b]);
  }

  /** True when the slot holding this (slot-sized or smaller, in-pool) prefix is taken. */
  hasPrefix(prefix: Pick<Cidr, 'network'>): boolean {
    return this.has((prefix.network - this.pool.network) >> this.shift);
  }

  mark(slot: bigint): void {
    this.singles.add(slot);
  }

  has(slot: bigint): boolean {
    return this.singles.has(slot) || this.ranges.some(([a, b]) => slot >= a && slot <= b);
  }

  /** Free slots left (exact: ranges are merged before counting). */
  free(): bigint {
    const merged = [...this.ranges].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
    let used = 0n;
    let end = -1n;
    for (const [a, b] of merged) {
      const start = a > end ? a : end + 1n;
      if (b >= start) used += b - start + 1n;
      if (b > end) end = b;
    }
    for (const s of this.singles) if (!this.ranges.some(([a, b]) => s >= a && s <= b)) used++;
    return this.count - used;
  }

  /** First free slot at or after `start` (wrapping within [low, count)), or undefined when full. */
  probe(start: bigint, low = 0n): bigint | undefined {
    const span = this.count - low;
    if (span <= 0n) return undefined;
    for (let i = 0n; i < span; i++) {
      const slot = low + ((start - low + i) % span);
      if (!this.has(slot)) return slot;
    }
    return undefined;
  }
}
