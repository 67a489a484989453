import type { ResourceId } from '../arm/resourceId';
import { idKey, parseResourceId } from '../arm/resourceId';
import type { IssueCollector, ResourceLocation } from './IssueCollector';
import { isPlainObject } from './isPlainObject';
import type { NetworkTypeInfo } from './networkResourceTypes';

function checkChild(
  item: unknown,
  field: string,
  parent: ResourceId,
  segments: readonly string[],
  seen: Map<string, string>,
  at: ResourceLocation,
  issues: IssueCollector,
): void {
  if (!isPlainObject(item)) {
    issues.add(at, field, 'must be an object');
    return;
  }
  if (typeof item.id !== 'string') {
    issues.add(
      at,
      `${field}.id`,
      'is missing: every child resource carries its ARM id, as ARM GET returns it',
    );
    return;
  }
  const child = parseResourceId(item.id);
  const expected = `${parent.id}/${segments[0] ?? ''}/<name>`;
  const segment = child?.type.split('/').at(-1)?.toLowerCase() ?? '';
  const nested =
    child !== undefined &&
    child.names.length === parent.names.length + 1 &&
    idKey(item.id).startsWith(`${idKey(parent.id)}/`) &&
    segments.some((s) => s.toLowerCase() === segment);
  if (!nested) {
    issues.add(at, `${field}.id`, `"${item.id}" is not a child of this resource (expected ${expected})`);
    return;
  }
  const childName = child.names.at(-1) ?? '';
  if (
    item.name !== undefined &&
    (typeof item.name !== 'string' || item.name.toLowerCase() !== childName.toLowerCase())
  )
    issues.add(
      at,
      `${field}.name`,
      `${JSON.stringify(item.name)} does not match the name in its id ("${childName}")`,
    );
  if (item.properties !== undefined && item.properties !== null && !isPlainObject(item.properties))
    issues.add(at, `${field}.properties`, 'must be an object');
  const key = idKey(item.id);
  const first = seen.get(key);
  if (first !== undefined) issues.add(at, `${field}.id`, `duplicate of ${first}`);
  else seen.set(key, field);
}

/** Every inline child (subnet, ip configuration, rule...) has an id nested under its parent, once. */
export function checkChildren(
  properties: Record<string, unknown>,
  parent: ResourceId,
  info: NetworkTypeInfo,
  at: ResourceLocation,
  issues: IssueCollector,
): void {
  for (const [collection, segments] of Object.entries(info.children)) {
    const items = properties[collection];
    const field = `properties.${collection}`;
    if (items === undefined || items === null) continue;
    if (!Array.isArray(items)) {
      issues.add(at, field, 'must be an array');
      continue;
    }
    const seen = new Map<string, string>();
    items.forEach((item, i) => checkChild(item, `${field}[${i}]`, parent, segments, seen, at, issues));
  }
}
