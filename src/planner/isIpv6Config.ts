import { equalsIgnoreCase } from './equalsIgnoreCase';
import type { Json } from './json';

/**
 * Whether an ip configuration's (or a frontend's) properties say IPv6. Case-insensitive, as ARM
 * reads it, without a lower-cased copy: every NIC of an estate is asked.
 */
export function isIpv6Config(properties: Json): boolean {
  const version = properties.privateIPAddressVersion;
  return typeof version === 'string' && equalsIgnoreCase(version, 'IPv6');
}
