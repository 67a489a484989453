import type { IssueCollector, ResourceLocation } from './IssueCollector';
import { isPlainObject } from './isPlainObject';
import type { NetworkTypeInfo } from './networkResourceTypes';
import { topologyKey } from './topologyKey';

interface Parent {
  id: string;
  /** topologyKey(id) + '/' */
  prefix: string;
}

/** The child's name when `id` is `<parent id>/<one of segments>/<name>`, else undefined. */
function childName(id: string, parent: Parent, segments: readonly string[]): string | undefined {
  const key = topologyKey(id);
  if (!key.startsWith(parent.prefix)) return undefined;
  const rest = key.slice(parent.prefix.length);
  const slash = rest.indexOf('/');
  if (slash <= 0 || slash === rest.length - 1 || rest.indexOf('/', slash + 1) >= 0) return undefined;
  const segment = rest.slice(0, slash);
  if (!segments.some((s) => s.toLowerCase() === segment)) return undefined;
  // `key` is `id` lower-cased without trailing slashes: same offsets for ASCII ids.
  return id.slice(parent.prefix.length + slash + 1, key.length);
}

function checkChild(
  item: unknown,
  collection: string,
  i: number,
  parent: Parent,
  segments: readonly string[],
  seen: Map<string, number>,
  at: ResourceLocation,
  issues: IssueCollector,
): void {
  // Field paths are built only when there is something to report: large estates have ~10^6 children.
  const field = (): string => `properties.${collection}[${i}]`;
  if (!isPlainObject(item)) {
    issues.add(at, field(), 'must be an object');
    return;
  }
  if (typeof item.id !== 'string') {
    issues.add(
      at,
      `${field()}.id`,
      'is missing: every child resource carries its ARM id, as ARM GET returns it',
    );
    return;
  }
  const name = childName(item.id, parent, segments);
  if (name === undefined) {
    const expected = `${parent.id}/${segments[0] ?? ''}/<name>`;
    issues.add(at, `${field()}.id`, `"${item.id}" is not a child of this resource (expected ${expected})`);
    return;
  }
  if (
    item.name !== undefined &&
    (typeof item.name !== 'string' || item.name.toLowerCase() !== name.toLowerCase())
  )
    issues.add(
      at,
      `${field()}.name`,
      `${JSON.stringify(item.name)} does not match the name in its id ("${name}")`,
    );
  if (item.properties !== undefined && item.properties !== null && !isPlainObject(item.properties))
    issues.add(at, `${field()}.properties`, 'must be an object');
  const key = topologyKey(item.id);
  const first = seen.get(key);
  if (first !== undefined) issues.add(at, `${field()}.id`, `duplicate of properties.${collection}[${first}]`);
  else seen.set(key, i);
}

/** Every inline child (subnet, ip configuration, rule...) has an id nested under its parent, once. */
export function checkChildren(
  properties: Record<string, unknown>,
  parentId: string,
  info: NetworkTypeInfo,
  at: ResourceLocation,
  issues: IssueCollector,
): void {
  const parent: Parent = { id: parentId, prefix: `${topologyKey(parentId)}/` };
  for (const [collection, segments] of Object.entries(info.children)) {
    const items = properties[collection];
    const field = `properties.${collection}`;
    if (items === undefined || items === null) continue;
    if (!Array.isArray(items)) {
      issues.add(at, field, 'must be an array');
      continue;
    }
    const seen = new Map<string, number>();
    items.forEach((item, i) => checkChild(item, collection, i, parent, segments, seen, at, issues));
  }
}
