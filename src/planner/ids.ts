import { idKey } from '../arm/resourceId';

/**
 * idKey without the regex for the common case (no trailing slash): the planner computes
 * hundreds of thousands of keys on a 5,000-spoke estate. Same result as idKey.
 */
export function keyOf(id: string): string {
  return id.charCodeAt(id.length - 1) === 47 ? idKey(id) : id.toLowerCase();
}

/** Sorted by lower-cased id, each id lowered once rather than once per comparison (ids are unique). */
export function sortedById<T extends { id: string }>(items: T[]): T[] {
  return items
    .map((item) => ({ item, key: keyOf(item.id) }))
    .sort((a, b) => (a.key < b.key ? -1 : 1))
    .map((x) => x.item);
}
