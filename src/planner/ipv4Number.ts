/**
 * IPv4 CIDRs as plain numbers: the planner parses tens of thousands of IPv4 prefixes per
 * plan, and cidr.ts's bigint parsing allocates. Same acceptance rules as cidr.ts for IPv4
 * (no leading zeros, octets ≤ 255, length ≤ 32); a bare address reads as a /32.
 */
export interface Ipv4Block {
  /** network address with host bits cleared, as an unsigned 32-bit number */
  network: number;
  /** the address as written */
  address: number;
  length: number;
}

export function ipv4Mask(length: number): number {
  return length === 0 ? 0 : (0xffffffff << (32 - length)) >>> 0;
}

const DOT = 46;
const SLASH = 47;
const ZERO = 48;

/**
 * Reads `d{1,3}.d{1,3}.d{1,3}.d{1,3}` with an optional `/d{1,2}`, by character codes: a regex
 * match allocates its captures, and a plan reads a few hundred thousand prefixes.
 */
export function parseIpv4Block(text: string): Ipv4Block | undefined {
  const end = text.length;
  let i = 0;
  let address = 0;
  let length = 32;
  for (let part = 0; part < 5; part++) {
    if (part === 4) {
      if (i === end) break;
      if (text.charCodeAt(i++) !== SLASH) return undefined;
    } else if (part > 0 && text.charCodeAt(i++) !== DOT) return undefined;
    const start = i;
    const max = part === 4 ? 2 : 3;
    let value = 0;
    while (i < end && i - start < max) {
      const digit = text.charCodeAt(i) - ZERO;
      if (digit < 0 || digit > 9) break;
      value = value * 10 + digit;
      i++;
    }
    if (i === start || (i - start > 1 && text.charCodeAt(start) === ZERO)) return undefined;
    if (part === 4) length = value;
    else if (value > 255) return undefined;
    else address = address * 256 + value;
  }
  if (i !== end || length > 32) return undefined;
  return { network: (address & ipv4Mask(length)) >>> 0, address, length };
}

/** The block's canonical text (host bits cleared), as cidr.ts's formatCidr writes it. */
export function formatIpv4Block(block: Pick<Ipv4Block, 'network' | 'length'>): string {
  const n = block.network;
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}/${block.length}`;
}
