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

const RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/;

export function ipv4Mask(length: number): number {
  return length === 0 ? 0 : (0xffffffff << (32 - length)) >>> 0;
}

export function parseIpv4Block(text: string): Ipv4Block | undefined {
  const m = RE.exec(text);
  if (!m) return undefined;
  let address = 0;
  for (let i = 1; i <= 4; i++) {
    const octet = m[i] ?? '';
    if (octet.length > 1 && octet.startsWith('0')) return undefined;
    const n = Number(octet);
    if (n > 255) return undefined;
    address = address * 256 + n;
  }
  const lengthText = m[5];
  if (lengthText !== undefined && lengthText.length > 1 && lengthText.startsWith('0')) return undefined;
  const length = lengthText === undefined ? 32 : Number(lengthText);
  if (length > 32) return undefined;
  return { network: (address & ipv4Mask(length)) >>> 0, address, length };
}

/** The block's canonical text (host bits cleared), as cidr.ts's formatCidr writes it. */
export function formatIpv4Block(block: Pick<Ipv4Block, 'network' | 'length'>): string {
  const n = block.network;
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}/${block.length}`;
}
