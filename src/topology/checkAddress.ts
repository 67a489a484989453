import { formatCidr, isCanonical, parseCidr, parseIp } from '../arm/cidr';
import type { AddressKind } from './addressFields';

// Service tags: `VirtualNetwork`, `Storage.WestEurope`, `AzureCloud`...
const SERVICE_TAG_RE = /^[A-Za-z][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$/;

function checkPrefix(text: string): string | undefined {
  const cidr = parseCidr(text);
  if (!cidr) return `"${text}" is not a valid CIDR`;
  if (!isCanonical(cidr))
    return `"${text}" is not a valid CIDR: host bits are set (did you mean ${formatCidr(cidr)}?)`;
  return undefined;
}

function checkIp(text: string): string | undefined {
  return parseIp(text) ? undefined : `"${text}" is not a valid IP address`;
}

/** Undefined when the value is acceptable for the field, else the message to report. */
export function checkAddress(kind: AddressKind, value: unknown): string | undefined {
  if (typeof value !== 'string') return `must be a string, got ${JSON.stringify(value)}`;
  switch (kind) {
    case 'prefix':
      return checkPrefix(value);
    case 'ip':
      return checkIp(value);
    case 'ipOrPrefix':
      return value.includes('/')
        ? parseCidr(value)
          ? undefined
          : `"${value}" is not a valid CIDR`
        : checkIp(value);
    case 'routePrefix':
      return SERVICE_TAG_RE.test(value) ? undefined : checkPrefix(value);
    case 'nsgPrefix':
      if (value === '*' || SERVICE_TAG_RE.test(value)) return undefined;
      if (value.includes('/')) return parseCidr(value) ? undefined : `"${value}" is not a valid CIDR`;
      return parseIp(value) ? undefined : `"${value}" is not a valid IP address, CIDR or service tag`;
  }
}
