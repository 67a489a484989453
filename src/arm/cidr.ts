/**
 * IPv4/IPv6 address and CIDR arithmetic on bigints. Pure and allocation-light:
 * the emulator validates every write with it and the planner carves prefixes with it.
 */

export type IpVersion = 'IPv4' | 'IPv6';

export interface IpAddress {
  version: IpVersion;
  value: bigint;
}

export interface Cidr {
  version: IpVersion;
  /** The address as written, host bits included. */
  address: bigint;
  /** `address` with the host bits cleared. */
  network: bigint;
  length: number;
}

const BITS: Record<IpVersion, number> = { IPv4: 32, IPv6: 128 };

export function bitsOf(version: IpVersion): number {
  return BITS[version];
}

const IPV4_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const HEX_GROUP_RE = /^[0-9a-fA-F]{1,4}$/;
const LENGTH_RE = /^(0|[1-9]\d{0,2})$/;

/** The address as a plain number: bigints allocate on every operation. */
function parseIpv4Number(text: string): number | undefined {
  const m = IPV4_RE.exec(text);
  if (!m) return undefined;
  let value = 0;
  for (let i = 1; i <= 4; i++) {
    const octet = m[i] ?? '';
    // Leading zeros are read as octal by some parsers and decimal by others: refuse the ambiguity.
    if (octet.length > 1 && octet.startsWith('0')) return undefined;
    const n = Number(octet);
    if (n > 255) return undefined;
    value = value * 256 + n;
  }
  return value;
}

function parseIpv4Value(text: string): bigint | undefined {
  const value = parseIpv4Number(text);
  return value === undefined ? undefined : BigInt(value);
}

function parseGroups(part: string): number[] | undefined {
  if (part === '') return [];
  const groups: number[] = [];
  const pieces = part.split(':');
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i] ?? '';
    if (i === pieces.length - 1 && piece.includes('.')) {
      const v4 = parseIpv4Number(piece);
      if (v4 === undefined) return undefined;
      groups.push(Math.floor(v4 / 0x10000), v4 % 0x10000);
    } else {
      if (!HEX_GROUP_RE.test(piece)) return undefined;
      groups.push(parseInt(piece, 16));
    }
  }
  return groups;
}

/** The eight 16-bit groups of an IPv6 address. */
function parseIpv6Groups(text: string): number[] | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = parseGroups(halves[0] ?? '');
  const tail = halves.length === 2 ? parseGroups(halves[1] ?? '') : [];
  if (!head || !tail) return undefined;
  // An embedded IPv4 tail is only valid at the very end of the address.
  if (halves.length === 2 && (halves[0] ?? '').includes('.')) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  for (let i = 0; i < missing; i++) head.push(0);
  return head.concat(tail);
}

function parseIpv6Value(text: string): bigint | undefined {
  const groups = parseIpv6Groups(text);
  if (!groups) return undefined;
  // Through hex text: one bigint per address instead of one per group.
  let hex = '0x';
  for (const g of groups) hex += g.toString(16).padStart(4, '0');
  return BigInt(hex);
}

/** Parses a bare IPv4 or IPv6 address (no zone id, no prefix length). */
export function parseIp(text: string): IpAddress | undefined {
  if (text.includes(':')) {
    const value = parseIpv6Value(text);
    return value === undefined ? undefined : { version: 'IPv6', value };
  }
  const value = parseIpv4Value(text);
  return value === undefined ? undefined : { version: 'IPv4', value };
}

/** Masks by version and length, made on first use: bigint arithmetic allocates. */
const MASKS: Record<IpVersion, bigint[]> = { IPv4: [], IPv6: [] };

function mask(version: IpVersion, length: number): bigint {
  const known = MASKS[version][length];
  if (known !== undefined) return known;
  const bits = BigInt(BITS[version]);
  const made = ((1n << bits) - 1n) ^ ((1n << (bits - BigInt(length))) - 1n);
  // Only lengths that exist are kept, so the table stays at most 33 + 129 entries.
  if (Number.isInteger(length) && length >= 0 && length <= BITS[version]) MASKS[version][length] = made;
  return made;
}

/** Parses `address/length`; host bits are kept in `address` so callers can refuse them (see isCanonical). */
export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const lengthText = text.slice(slash + 1);
  if (!LENGTH_RE.test(lengthText)) return undefined;
  const ip = parseIp(text.slice(0, slash));
  if (!ip) return undefined;
  const length = Number(lengthText);
  if (length > BITS[ip.version]) return undefined;
  return { version: ip.version, address: ip.value, network: ip.value & mask(ip.version, length), length };
}

/**
 * formatCidr(parseCidr(text)) for IPv6 text, without bigints (planners canonicalise many
 * prefixes); undefined when the text is not an IPv6 CIDR.
 */
export function canonicalIpv6Cidr(text: string): string | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const address = text.slice(0, slash);
  const lengthText = text.slice(slash + 1);
  if (!address.includes(':') || !LENGTH_RE.test(lengthText)) return undefined;
  const length = Number(lengthText);
  const groups = length <= 128 ? parseIpv6Groups(address) : undefined;
  if (!groups) return undefined;
  for (let i = 0; i < 8; i++) {
    const kept = Math.min(16, Math.max(0, length - 16 * i));
    groups[i] = (groups[i] ?? 0) & ((0xffff << (16 - kept)) & 0xffff);
  }
  return `${formatIpv6Groups(groups)}/${length}`;
}

/** True when no host bits are set (10.0.0.0/24, not 10.0.0.1/24). */
export function isCanonical(cidr: Cidr): boolean {
  return cidr.address === cidr.network;
}

/** The version of an address or a CIDR, or undefined when it is neither (a service tag, '*'). */
export function ipVersionOf(text: string): IpVersion | undefined {
  return (text.includes('/') ? parseCidr(text) : parseIp(text))?.version;
}

function formatIpv4(value: bigint): string {
  const n = Number(value & 0xffffffffn);
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

const LOW_128_BITS = (1n << 128n) - 1n;

/** RFC 5952: lower case, no leading zeros, the longest run (first on a tie) of two or more zero groups as '::'. */
function formatIpv6Groups(groups: number[]): string {
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

function formatIpv6(value: bigint): string {
  // Through hex text: one bigint operation instead of two per group.
  const digits = (value & LOW_128_BITS).toString(16).padStart(32, '0');
  const groups: number[] = [];
  for (let i = 0; i < 32; i += 4) groups.push(parseInt(digits.slice(i, i + 4), 16));
  return formatIpv6Groups(groups);
}

export function formatIp(version: IpVersion, value: bigint): string {
  return version === 'IPv4' ? formatIpv4(value) : formatIpv6(value);
}

/** Canonical text of the network: host bits cleared, IPv6 per RFC 5952. */
export function formatCidr(cidr: Pick<Cidr, 'version' | 'network' | 'length'>): string {
  return `${formatIp(cidr.version, cidr.network)}/${cidr.length}`;
}

/** Number of addresses in the block. */
export function sizeOf(cidr: Pick<Cidr, 'version' | 'length'>): bigint {
  return 1n << BigInt(BITS[cidr.version] - cidr.length);
}

/** Last address of the block. */
export function lastAddress(cidr: Pick<Cidr, 'version' | 'network' | 'length'>): bigint {
  return cidr.network + sizeOf(cidr) - 1n;
}

/** True when `inner` (a CIDR or a bare address) lies wholly inside `outer`. Different versions never contain. */
export function contains(outer: Cidr, inner: Cidr | IpAddress): boolean {
  if (outer.version !== inner.version) return false;
  if ('length' in inner) {
    return (
      inner.length >= outer.length && (inner.network & mask(outer.version, outer.length)) === outer.network
    );
  }
  return (inner.value & mask(outer.version, outer.length)) === outer.network;
}

/** True when the two blocks share at least one address. */
export function overlaps(a: Cidr, b: Cidr): boolean {
  if (a.version !== b.version) return false;
  const shorter = Math.min(a.length, b.length);
  const m = mask(a.version, shorter);
  return (a.network & m) === (b.network & m);
}
