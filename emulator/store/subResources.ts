import type { ArmResource } from '../../src/arm/ArmResource';

export type Json = Record<string, unknown>;

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function props(resource: { properties?: Json }): Json {
  if (!isRecord(resource.properties)) resource.properties = {};
  return resource.properties;
}

/** The inline child array under `properties[property]`, or an empty one if absent. */
export function childArray(resource: ArmResource | Json, property: string): Json[] {
  const p = (resource as Json).properties;
  if (!isRecord(p)) return [];
  const arr = p[property];
  return Array.isArray(arr) ? arr.filter(isRecord) : [];
}

export function sameName(a: unknown, b: string): boolean {
  return typeof a === 'string' && a.toLowerCase() === b.toLowerCase();
}

export function findChild(
  resource: ArmResource | Json | undefined,
  property: string,
  name: string,
): Json | undefined {
  return resource ? childArray(resource, property).find((c) => sameName(c.name, name)) : undefined;
}

/** Named sub-resources by lower-cased name: hubs carry thousands of peerings, so no linear searches. */
export function byName(items: readonly Json[]): Map<string, Json> {
  const map = new Map<string, Json>();
  for (const item of items) if (typeof item.name === 'string') map.set(item.name.toLowerCase(), item);
  return map;
}

function clone<T>(v: T): T {
  return structuredClone(v);
}

/**
 * Replaces the read-only value at `path` in `target` with the stored one from
 * `existing`, or drops it. `[]` steps into arrays of named sub-resources,
 * pairing items by name.
 */
export function preserveReadOnly(target: Json, existing: Json | undefined, path: readonly string[]): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (head.endsWith('[]')) {
    const key = head.slice(0, -2);
    const items = target[key];
    if (!Array.isArray(items)) return;
    const before = existing?.[key];
    const olds = Array.isArray(before) ? before.filter(isRecord) : [];
    for (const item of items) {
      if (!isRecord(item)) continue;
      const old =
        typeof item.name === 'string' ? olds.find((o) => sameName(o.name, item.name as string)) : undefined;
      preserveReadOnly(item, old, rest);
    }
    return;
  }
  if (rest.length === 0) {
    if (existing && head in existing) target[head] = clone(existing[head]);
    else delete target[head];
    return;
  }
  const next = target[head];
  if (!isRecord(next)) return;
  const old = existing?.[head];
  preserveReadOnly(next, isRecord(old) ? old : undefined, rest);
}

export function applyReadOnly(target: Json, existing: Json | undefined, paths: readonly string[]): void {
  for (const p of paths) preserveReadOnly(target, existing, p.split('.'));
}

/** Calls `visit` on the resource and on every inline sub-resource (anything in `properties` with an `id` under it). */
export function forEachSubResource(resource: ArmResource, visit: (node: Json) => void): void {
  visit(resource as unknown as Json);
  const p = resource.properties;
  if (!isRecord(p)) return;
  for (const value of Object.values(p)) {
    if (!Array.isArray(value)) continue;
    for (const item of value)
      if (isRecord(item) && typeof item.id === 'string' && isRecord(item.properties)) visit(item);
  }
}
