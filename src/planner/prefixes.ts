import type { Cidr } from '../arm/cidr';
import { formatCidr, parseCidr } from '../arm/cidr';
import type { Json } from './json';
import { str, strs } from './json';

/** Canonical text of a CIDR (RFC 5952 for IPv6); anything else lower-cased (service tags, '*'). */
export function canonicalPrefix(text: string): string {
  const cidr = /^[0-9a-f.:/]+$/i.test(text) ? parseCidr(text) : undefined;
  return cidr ? formatCidr(cidr) : text.toLowerCase();
}

/** Only IPv6 text contains ':' (prefixes are validated once, when the estate is indexed). */
export function isIpv6(text: string): boolean {
  return text.includes(':') && parseCidr(text)?.version === 'IPv6';
}

export function isIpv4Cidr(text: string): boolean {
  return parseCidr(text)?.version === 'IPv4';
}

/** A subnet's prefixes from addressPrefixes, or from the single addressPrefix when that's all it has. */
export function subnetPrefixes(subnetProps: Json): string[] {
  const many = strs(subnetProps.addressPrefixes);
  if (many.length > 0) return many;
  const one = str(subnetProps.addressPrefix);
  return one ? [one] : [];
}

export function ipv4Only(prefixes: string[]): string[] {
  return prefixes.filter((p) => !isIpv6(p));
}

export function ipv6Only(prefixes: string[]): string[] {
  return prefixes.filter(isIpv6);
}

export function parseIpv6Cidr(text: string): Cidr | undefined {
  const cidr = parseCidr(text);
  return cidr?.version === 'IPv6' ? cidr : undefined;
}
