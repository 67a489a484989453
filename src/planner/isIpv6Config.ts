import { ipVersionField } from '../arm/ipVersionField';
import type { Json } from './json';

/** Whether an ip configuration's (or a frontend's) properties say IPv6, case-insensitively as ARM reads it. */
export function isIpv6Config(properties: Json): boolean {
  return ipVersionField(properties.privateIPAddressVersion) === 'IPv6';
}
