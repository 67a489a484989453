import type { IpVersion } from './cidr';

/**
 * The version an ARM IP version field (`privateIPAddressVersion`, `publicIPAddressVersion`) names, read as ARM reads
 * it: case-insensitively ('ipv6', 'IPV6' and 'IPv6' are one value). Undefined when the field is absent or names
 * neither version; callers choose the default (ARM's is IPv4).
 */
export function ipVersionField(value: unknown): IpVersion | undefined {
  if (typeof value !== 'string' || value.length !== 4) return undefined;
  const lower = value.toLowerCase();
  if (lower === 'ipv6') return 'IPv6';
  return lower === 'ipv4' ? 'IPv4' : undefined;
}

/** `privateIPAllocationMethod` is Static, case-insensitively. */
export function isStaticAllocation(value: unknown): boolean {
  return typeof value === 'string' && value.toLowerCase() === 'static';
}
