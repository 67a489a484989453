import { ipVersionOf, parseCidr, type Cidr, type IpVersion } from '../../../src/arm/cidr';
import { ipVersionField } from '../../../src/arm/ipVersionField';

/**
 * Safe readers over stored resource JSON. Validation runs before anything trusts the body's shape beyond
 * what the OpenAPI check guarantees, so every accessor tolerates missing or oddly typed members.
 */
export type Json = Record<string, unknown>;

export function asRecord(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

export function propertiesOf(value: unknown): Json {
  return asRecord(asRecord(value)?.properties) ?? {};
}

export function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** `{ id }` of a reference, or undefined. */
export function refId(value: unknown): string | undefined {
  return stringOf(asRecord(value)?.id);
}

export function nameOf(value: unknown, fallback: string): string {
  return stringOf(asRecord(value)?.name) ?? fallback;
}

/** A child's id, or one built from its parent and name when the body did not carry it. */
export function childId(parentId: string, collection: string, child: unknown, index: number): string {
  return stringOf(asRecord(child)?.id) ?? `${parentId}/${collection}/${nameOf(child, String(index))}`;
}

/** A subnet's prefixes: `addressPrefixes` when given, else `addressPrefix` (ARM GET returns one or the other). */
export function subnetPrefixes(subnet: unknown): { text: string; field: string }[] {
  const props = propertiesOf(subnet);
  const many = arrayOf(props.addressPrefixes).filter((p): p is string => typeof p === 'string');
  if (many.length > 0) return many.map((text, i) => ({ text, field: `properties.addressPrefixes[${i}]` }));
  const one = stringOf(props.addressPrefix);
  return one ? [{ text: one, field: 'properties.addressPrefix' }] : [];
}

export function vnetPrefixes(vnet: unknown): string[] {
  const space = asRecord(propertiesOf(vnet).addressSpace);
  return arrayOf(space?.addressPrefixes).filter((p): p is string => typeof p === 'string');
}

/** Parsed prefixes, skipping what does not parse (the resource's own write reports those). */
export function parsedPrefixes(texts: readonly string[]): Cidr[] {
  const out: Cidr[] = [];
  for (const text of texts) {
    const cidr = parseCidr(text);
    if (cidr) out.push(cidr);
  }
  return out;
}

/** Version of a NIC ip configuration or LB frontend: explicit version, else that of a static address, else IPv4. */
export function declaredIpVersion(props: Json): IpVersion | undefined {
  if (stringOf(props.privateIPAddressVersion)) return ipVersionField(props.privateIPAddressVersion) ?? 'IPv4';
  const address = stringOf(props.privateIPAddress);
  return address ? ipVersionOf(address) : undefined;
}

export function ipConfigurationVersion(ipConfiguration: unknown): IpVersion {
  return declaredIpVersion(propertiesOf(ipConfiguration)) ?? 'IPv4';
}

export function sameText(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
}
