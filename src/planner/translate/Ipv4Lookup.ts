import { ipv4Mask, parseIpv4Block } from '../ipv4Number';

/**
 * Longest-prefix lookup of IPv4 blocks: a map per (network, length), probed from the
 * query's own length down to /0. 33 map reads per query, independent of estate size.
 */
export class Ipv4Lookup<T> {
  private readonly blocks = new Map<string, T>();

  add(cidrText: string, value: T): void {
    const block = parseIpv4Block(cidrText);
    if (!block) return;
    const key = `${block.network}/${block.length}`;
    if (!this.blocks.has(key)) this.blocks.set(key, value);
  }

  /** The value of the most specific block containing `text` (a CIDR or a bare address). */
  find(text: string): { value: T; exact: boolean } | undefined {
    const block = parseIpv4Block(text);
    if (!block) return undefined;
    for (let l = block.length; l >= 0; l--) {
      const hit = this.blocks.get(`${(block.network & ipv4Mask(l)) >>> 0}/${l}`);
      if (hit !== undefined) return { value: hit, exact: l === block.length };
    }
    return undefined;
  }
}
