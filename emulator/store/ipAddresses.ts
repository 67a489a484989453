import type { Cidr } from '../../src/arm/cidr';
import { bitsOf, formatIp, parseIp } from '../../src/arm/cidr';

/** Canonical text, so differently written addresses of one host compare equal. */
export function canonicalAddress(text: string): string | undefined {
  const ip = parseIp(text);
  return ip ? formatIp(ip.version, ip.value) : undefined;
}

/**
 * The first free address of a subnet prefix. Azure reserves the first four
 * addresses of every subnet (network, gateway, two DNS) and, for IPv4, the last.
 */
export function nextFreeAddress(prefix: Cidr, used: ReadonlySet<string>): string | undefined {
  const size = 1n << BigInt(bitsOf(prefix.version) - prefix.length);
  const last = prefix.version === 'IPv4' ? size - 2n : size - 1n;
  // Bounded: a subnet with this many addresses in use is a test gone wrong, not a real estate.
  const limit = last < 1_000_000n ? last : 1_000_000n;
  for (let offset = 4n; offset <= limit; offset++) {
    const text = formatIp(prefix.version, prefix.network + offset);
    if (!used.has(text)) return text;
  }
  return undefined;
}
