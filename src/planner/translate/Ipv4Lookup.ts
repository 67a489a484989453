import { parseCidr, parseIp } from '../../arm/cidr';

/**
 * Longest-prefix lookup of IPv4 blocks: a map per (network, length), probed from the
 * query's own length down to /0. 33 map reads per query, independent of estate size.
 */
export class Ipv4Lookup<T> {
  private readonly blocks = new Map<string, T>();

  add(cidrText: string, value: T): void {
    const cidr = parseCidr(cidrText);
    if (cidr?.version !== 'IPv4') return;
    const key = `${Number(cidr.network)}/${cidr.length}`;
    if (!this.blocks.has(key)) this.blocks.set(key, value);
  }

  /** The value of the most specific block containing `text` (a CIDR or a bare address). */
  find(text: string): { value: T; exact: boolean } | undefined {
    const cidr = text.includes('/') ? parseCidr(text) : undefined;
    const ip = cidr ? undefined : parseIp(text);
    const version = cidr?.version ?? ip?.version;
    if (version !== 'IPv4') return undefined;
    const network = Number(cidr ? cidr.network : (ip?.value ?? 0n));
    const length = cidr ? cidr.length : 32;
    for (let l = length; l >= 0; l--) {
      const mask = l === 0 ? 0 : (0xffffffff << (32 - l)) >>> 0;
      const hit = this.blocks.get(`${(network & mask) >>> 0}/${l}`);
      if (hit !== undefined) return { value: hit, exact: l === length };
    }
    return undefined;
  }
}
