import type { Ipv4Block } from '../ipv4Number';
import { ipv4Mask, parseIpv4Block } from '../ipv4Number';

/**
 * Longest-prefix lookup of IPv4 blocks: a map per prefix length, probed from the query's
 * own length down, visiting only lengths some block has (an estate has a handful), so a
 * query costs a few map reads whatever the estate's size.
 */
export class Ipv4Lookup<T> {
  private readonly byLength = new Map<number, Map<number, T>>();
  /** the lengths present, longest first */
  private lengths: number[] = [];

  add(cidrText: string, value: T): void {
    const block = parseIpv4Block(cidrText);
    if (!block) return;
    let blocks = this.byLength.get(block.length);
    if (!blocks) {
      this.byLength.set(block.length, (blocks = new Map<number, T>()));
      this.lengths = [...this.byLength.keys()].sort((a, b) => b - a);
    }
    if (!blocks.has(block.network)) blocks.set(block.network, value);
  }

  /** The value of the most specific block containing `block`. */
  findBlock(block: Ipv4Block): { value: T; exact: boolean } | undefined {
    for (const l of this.lengths) {
      if (l > block.length) continue;
      const hit = this.byLength.get(l)?.get((block.network & ipv4Mask(l)) >>> 0);
      if (hit !== undefined) return { value: hit, exact: l === block.length };
    }
    return undefined;
  }
}
