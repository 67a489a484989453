import { isIPv6 } from 'node:net';
import { parseResourceId } from '../arm/resourceId';

/**
 * Parsers for single setting values. Each returns the parsed value or throws a plain
 * message; `readAppSettings` attaches the setting name.
 */

const GUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseGuid(value: string): string {
  if (!GUID_RE.test(value)) throw new Error(`'${value}' is not a GUID`);
  return value.toLowerCase();
}

export function parseList(value: string): string[] {
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (items.length === 0) throw new Error('the list is empty');
  return items;
}

export function parseBoolean(value: string): boolean {
  const v = value.trim().toLowerCase();
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw new Error(`'${value}' is not 'true' or 'false'`);
}

export function parseInteger(value: string, min: number, max: number): number {
  if (!/^-?\d+$/.test(value.trim())) throw new Error(`'${value}' is not an integer`);
  const n = Number(value.trim());
  if (n < min || n > max) throw new Error(`${n} is outside ${min}..${max}`);
  return n;
}

/** An ARM id of the given type (case-insensitive), e.g. 'Microsoft.Network/virtualNetworks'. */
export function parseArmId(value: string, type: string): string {
  const id = parseResourceId(value.trim());
  if (!id || id.type.toLowerCase() !== type.toLowerCase())
    throw new Error(`'${value}' is not a ${type} resource id`);
  return id.id;
}

export function parseIpv6Prefix(value: string, longestLength: number): string {
  const [address = '', lengthText, ...rest] = value.trim().split('/');
  if (rest.length > 0 || lengthText === undefined || !isIPv6(address) || !/^\d+$/.test(lengthText)) {
    throw new Error(`'${value}' is not an IPv6 prefix (address/length)`);
  }
  const length = Number(lengthText);
  if (length < 1 || length > longestLength)
    throw new Error(`prefix length /${length} is outside /1../${longestLength}`);
  return `${address.toLowerCase()}/${length}`;
}

export function parseHttpsUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new Error(`'${value}' is not a URL`);
  }
  if (url.protocol !== 'https:') throw new Error(`'${value}' is not an https URL`);
  return url.toString().replace(/\/$/, '');
}

const NCRONTAB_FIELD_RE = /^[\d*/,\-A-Za-z?]+$/;

/** Six-field NCRONTAB as the Functions timer trigger takes it (seconds first). */
export function parseNcrontab(value: string): string {
  const fields = value.trim().split(/\s+/);
  if (fields.length !== 6 || !fields.every((f) => NCRONTAB_FIELD_RE.test(f))) {
    throw new Error(
      `'${value}' is not a six-field NCRONTAB expression ({second} {minute} {hour} {day} {month} {day-of-week})`,
    );
  }
  return fields.join(' ');
}

export function parseJsonObject(value: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (e) {
    throw new Error(`is not valid JSON (${(e as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new Error('is not a JSON object');
  return parsed as Record<string, unknown>;
}
