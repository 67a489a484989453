import type { ArmResource } from '../arm/ArmResource';
import type { ResourceId } from '../arm/resourceId';
import { parseResourceId } from '../arm/resourceId';
import { addressFieldsOf } from './addressFields';
import { checkAddressFields } from './checkAddressFields';
import { checkChildren } from './checkChildren';
import { fromAzCliShape, isAzCliShape } from './fromAzCliShape';
import type { IssueCollector, ResourceLocation } from './IssueCollector';
import { isPlainObject } from './isPlainObject';
import { canonicalType, networkTypeInfo } from './networkResourceTypes';
import { normalizeResource } from './normalizeResource';

const RESOURCE_GROUP_ID = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/?$/i;

/** A resource id, or a resource group's (exports of a whole subscription list those too; the emulator seeds them). */
function parseTopologyId(id: string): ResourceId | undefined {
  const group = RESOURCE_GROUP_ID.exec(id);
  if (!group) return parseResourceId(id);
  const [, subscriptionId = '', resourceGroup = ''] = group;
  return {
    subscriptionId,
    resourceGroup,
    type: 'Microsoft.Resources/resourceGroups',
    names: [resourceGroup],
    id,
  };
}

export interface ValidResource {
  resource: ArmResource;
  parsedId: ResourceId;
}

function checkEnvelope(raw: Record<string, unknown>, at: ResourceLocation, issues: IssueCollector): void {
  const stringField = (key: string): void => {
    const value = raw[key];
    if (value !== undefined && value !== null && typeof value !== 'string')
      issues.add(at, key, 'must be a string');
  };
  stringField('location');
  stringField('etag');
  const { tags, zones, sku, properties } = raw;
  if (tags !== undefined && tags !== null) {
    if (!isPlainObject(tags)) issues.add(at, 'tags', 'must be an object of strings');
    else
      for (const [k, v] of Object.entries(tags))
        if (typeof v !== 'string') issues.add(at, `tags.${k}`, 'must be a string');
  }
  if (
    zones !== undefined &&
    zones !== null &&
    (!Array.isArray(zones) || zones.some((z) => typeof z !== 'string'))
  )
    issues.add(at, 'zones', 'must be an array of strings');
  if (sku !== undefined && sku !== null && !isPlainObject(sku)) issues.add(at, 'sku', 'must be an object');
  if (properties !== undefined && properties !== null && !isPlainObject(properties))
    issues.add(
      at,
      'properties',
      `must be an object, got ${Array.isArray(properties) ? 'an array' : typeof properties}`,
    );
}

/**
 * Checks one resource of a topology and returns it normalized, or undefined
 * when it has no usable id. Every problem found goes to `issues`, named by the
 * resource id when it is valid; the caller rejects the topology if there are any.
 */
export function validateResource(
  input: unknown,
  index: number,
  issues: IssueCollector,
): ValidResource | undefined {
  if (!isPlainObject(input)) {
    const got = Array.isArray(input) ? 'an array' : typeof input;
    issues.add({ index }, '', `must be a JSON object (an ARM resource), got ${got}`);
    return undefined;
  }
  const raw = isAzCliShape(input) ? fromAzCliShape(input) : input;
  const parsedId = typeof raw.id === 'string' ? parseTopologyId(raw.id) : undefined;
  if (!parsedId) {
    const got = raw.id === undefined ? 'it is missing' : `got ${JSON.stringify(raw.id)}`;
    const name = typeof raw.name === 'string' ? ` (resource named "${raw.name}")` : '';
    issues.add(
      { index },
      'id',
      `must be an ARM resource id, /subscriptions/{id}/resourceGroups/{group}/providers/{namespace}/{type}/{name}; ${got}${name}`,
    );
    return undefined;
  }
  const at: ResourceLocation = { resourceId: parsedId.id };
  if (typeof raw.type !== 'string') issues.add(at, 'type', 'is missing or not a string');
  else if (raw.type.toLowerCase() !== parsedId.type.toLowerCase())
    issues.add(at, 'type', `"${raw.type}" does not match the type in the id ("${parsedId.type}")`);
  const idName = parsedId.names.at(-1) ?? '';
  if (typeof raw.name !== 'string') issues.add(at, 'name', 'is missing or not a string');
  else if (raw.name.toLowerCase() !== idName.toLowerCase())
    issues.add(at, 'name', `"${raw.name}" does not match the name in the id ("${idName}")`);
  checkEnvelope(raw, at, issues);

  const type = canonicalType(parsedId.type);
  const info = networkTypeInfo(type);
  if (info && isPlainObject(raw.properties)) checkChildren(raw.properties, parsedId.id, info, at, issues);
  if (raw.properties === undefined || isPlainObject(raw.properties))
    checkAddressFields(raw, addressFieldsOf(type), at, issues);
  return { resource: normalizeResource(raw, type), parsedId };
}
