import { formatCidr, isCanonical, parseCidr, type Cidr } from '../../../src/arm/cidr';
import type { ArmError } from '../../../src/arm/errors/ArmError';
import {
  invalidAddressPrefixFormat,
  invalidCidrNotation,
} from '../../../src/arm/errors/virtualNetworkErrors';

/** Parses an address prefix the way NRP checks it: CIDR syntax first, then no host bits. */
export function prefixOrError(text: string, resourceId: string, target: string): Cidr | ArmError {
  const cidr = parseCidr(text);
  if (!cidr) return invalidAddressPrefixFormat(text, resourceId, target);
  if (!isCanonical(cidr)) return invalidCidrNotation(text, resourceId, formatCidr(cidr), target);
  return cidr;
}

export function isCidr(value: Cidr | ArmError): value is Cidr {
  return 'network' in value;
}

/** A route or rule prefix that is meant as an address (digits, dots, colons) rather than a service tag or '*'. */
export function looksLikeAddress(text: string): boolean {
  return text.includes(':') || /^[\d./]+$/.test(text);
}
