import type { Cidr, IpVersion } from '../arm/cidr';
import { canonicalIpv6Cidr, parseCidr } from '../arm/cidr';
import { formatIpv4Block, parseIpv4Block } from './ipv4Number';
import type { Json } from './json';
import { filtered, str, strs } from './json';

/*
 * Only IPv6 text contains ':', so IPv4 (the bulk of an estate) is read with ipv4Number.ts,
 * without bigints; the results are those of cidr.ts.
 */

/**
 * IPv6 texts already made canonical. A plan canonicalises the same few blocks (`::/0`, the hub's)
 * once per route table; bounded, so a long-lived worker planning many estates doesn't grow it.
 */
const canonicalIpv6 = new Map<string, string>();
const CANONICAL_IPV6_LIMIT = 4096;

/** Canonical text of a CIDR (RFC 5952 for IPv6); anything else lower-cased (service tags, '*'). */
export function canonicalPrefix(text: string): string {
  const known = canonicalIpv6.get(text);
  if (known !== undefined) return known;
  if (!/^[0-9a-f.:/]+$/i.test(text)) return text.toLowerCase();
  if (text.includes(':')) {
    const canonical = canonicalIpv6Cidr(text) ?? text.toLowerCase();
    if (canonicalIpv6.size >= CANONICAL_IPV6_LIMIT) canonicalIpv6.clear();
    canonicalIpv6.set(text, canonical);
    return canonical;
  }
  const block = text.includes('/') ? parseIpv4Block(text) : undefined;
  return block ? formatIpv4Block(block) : text.toLowerCase();
}

/** The version of a CIDR, or undefined when the text is none (prefixes are validated when the estate is indexed). */
export function cidrVersion(text: string): IpVersion | undefined {
  if (text.includes(':')) return parseCidr(text)?.version;
  return text.includes('/') && parseIpv4Block(text) !== undefined ? 'IPv4' : undefined;
}

/** The version of a CIDR or a bare address, or undefined for '*', service tags and the like. */
export function addressVersion(text: string): IpVersion | undefined {
  if (text.includes(':')) return parseCidr(text.includes('/') ? text : `${text}/128`)?.version;
  return parseIpv4Block(text) !== undefined ? 'IPv4' : undefined;
}

/** The same prefix, however written (IPv6 compared in canonical form). */
export function samePrefix(a: string, b: string): boolean {
  return a === b || canonicalPrefix(a) === canonicalPrefix(b);
}

export function isIpv6(text: string): boolean {
  return text.includes(':') && parseCidr(text)?.version === 'IPv6';
}

export function isIpv4Cidr(text: string): boolean {
  return cidrVersion(text) === 'IPv4';
}

/** A subnet's prefixes from addressPrefixes, or from the single addressPrefix when that's all it has. */
export function subnetPrefixes(subnetProps: Json): string[] {
  const many = strs(subnetProps.addressPrefixes);
  if (many.length > 0) return many;
  const one = str(subnetProps.addressPrefix);
  return one ? [one] : [];
}

export function ipv4Only(prefixes: string[]): string[] {
  return filtered(prefixes, (p) => !isIpv6(p));
}

export function ipv6Only(prefixes: string[]): string[] {
  return filtered(prefixes, isIpv6);
}

export function parseIpv6Cidr(text: string): Cidr | undefined {
  const cidr = parseCidr(text);
  return cidr?.version === 'IPv6' ? cidr : undefined;
}
