import type { ArmResource } from '../../src/arm/ArmResource';
import { idKey } from '../../src/arm/resourceId';
import type { ResourceStore } from './ResourceStore';
import type { Json } from './subResources';
import { childArray, isRecord, props } from './subResources';

/**
 * Ids of the sub-resources that point at `targetId` through `property` (e.g.
 * the NIC ip configurations whose `subnet` is a subnet): the back-references
 * ARM shows as read-only lists (subnet.ipConfigurations, pool.backendIPConfigurations).
 * The holder is the nearest enclosing object that has an id.
 */
export function holdersOf(store: ResourceStore, targetId: string, property: string): string[] {
  const key = idKey(targetId);
  const out: string[] = [];
  const points = (value: unknown): boolean =>
    Array.isArray(value)
      ? value.some(points)
      : isRecord(value) && typeof value.id === 'string' && idKey(value.id) === key;
  const walk = (node: unknown, holder: string | undefined): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item, holder);
      return;
    }
    if (!isRecord(node)) return;
    const here = typeof node.id === 'string' ? node.id : holder;
    for (const [k, v] of Object.entries(node)) {
      if (k === property && points(v)) {
        if (here && !out.includes(here)) out.push(here);
      } else if (typeof v === 'object' && v !== null) {
        walk(v, here);
      }
    }
  };
  for (const r of store.referencing(targetId)) walk(r, undefined);
  return out;
}

/** A shallow copy of `resource` with extra read-only properties on some children; the stored object stays as it is. */
export function withChildExtras(
  resource: ArmResource,
  property: string,
  extras: (child: Json) => Json | undefined,
): ArmResource {
  const children = childArray(resource, property);
  let changed = false;
  const shown = children.map((c) => {
    const extra = extras(c);
    if (!extra) return c;
    changed = true;
    return { ...c, properties: { ...props(c), ...extra } };
  });
  return changed ? { ...resource, properties: { ...resource.properties, [property]: shown } } : resource;
}

/** `{ id }` list, or undefined when empty (ARM omits empty back-reference lists). */
export function idList(ids: readonly string[]): { id: string }[] | undefined {
  return ids.length > 0 ? ids.map((id) => ({ id })) : undefined;
}
