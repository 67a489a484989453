import { randomUUID } from 'node:crypto';
import type { ArmResource } from '../../src/arm/ArmResource';
import { invalidRequestFormat } from '../../src/arm/errors/commonErrors';
import type { Json } from '../store/subResources';
import { applyReadOnly, childArray, isRecord, props, sameName } from '../store/subResources';
import type { ChildCollection, ResourceTypeSpec } from './ResourceTypeSpec';
import type { Target } from './resolveTarget';

const COMMON_READ_ONLY = ['etag', 'properties.provisioningState', 'properties.resourceGuid'];

function readOnlyPaths(spec: ResourceTypeSpec): string[] {
  const perChild = spec.children.flatMap((c) => [
    `properties.${c.property}[].etag`,
    `properties.${c.property}[].properties.provisioningState`,
  ]);
  return [...COMMON_READ_ONLY, ...perChild, ...spec.readOnly];
}

/** Read-only paths of one child collection, relative to the child. */
function childReadOnlyPaths(spec: ResourceTypeSpec, collection: ChildCollection): string[] {
  const prefix = `properties.${collection.property}[].`;
  return readOnlyPaths(spec)
    .filter((p) => p.startsWith(prefix))
    .map((p) => p.slice(prefix.length));
}

/** Gives every inline child its id, type and a properties object; a child without a name is refused. */
function fillChildren(
  spec: ResourceTypeSpec,
  resource: ArmResource,
  existing: ArmResource | undefined,
): void {
  const p = props(resource);
  for (const c of spec.children) {
    let items = p[c.property];
    if (items === undefined) {
      if (c.keepWhenAbsent && existing) items = structuredClone(childArray(existing, c.property));
      else if (c.routable) items = [];
      else continue;
    }
    if (!Array.isArray(items)) {
      throw invalidRequestFormat(`properties.${c.property} must be an array.`, `properties.${c.property}`);
    }
    const seen = new Set<string>();
    items.forEach((item: unknown, i) => {
      const field = `properties.${c.property}[${i}]`;
      if (!isRecord(item)) throw invalidRequestFormat(`${field} must be an object.`, field);
      if (typeof item.name !== 'string' || item.name.length === 0) {
        throw invalidRequestFormat(
          `${field}.name is required for a sub-resource of ${resource.id}.`,
          `${field}.name`,
        );
      }
      const key = item.name.toLowerCase();
      if (seen.has(key))
        throw invalidRequestFormat(`${field}.name '${item.name}' appears twice.`, `${field}.name`);
      seen.add(key);
      item.id = `${resource.id}/${c.segment}/${item.name}`;
      item.type = `${spec.type}/${c.segment}`;
      if (!isRecord(item.properties)) item.properties = {};
    });
    p[c.property] = items;
  }
}

/** A PUT of a top-level resource: the body replaces everything except what the service owns. */
export function buildResource(spec: ResourceTypeSpec, target: Target, body: Json): ArmResource {
  const resource = structuredClone(body) as unknown as ArmResource;
  resource.id = target.topId;
  resource.name = target.name;
  resource.type = spec.type;
  props(resource);
  applyReadOnly(
    resource as unknown as Json,
    target.existing as unknown as Json | undefined,
    readOnlyPaths(spec),
  );
  props(resource).resourceGuid ??= randomUUID();
  fillChildren(spec, resource, target.existing);
  return resource;
}

/**
 * A PUT of a child: the parent as stored with that one child replaced (or
 * added). The copy is shallow: untouched children are shared with the stored
 * parent, which is replaced once the write is accepted. A hub with thousands
 * of peerings would otherwise be deep-copied for every peering sync.
 */
export function mergeChild(spec: ResourceTypeSpec, target: Target, body: Json): ArmResource {
  const child = target.child;
  if (!child || !target.existing) throw new Error('mergeChild needs an existing parent');
  const resource: ArmResource = { ...target.existing, properties: { ...target.existing.properties } };
  for (const c of spec.children) {
    const items = resource.properties?.[c.property];
    if (Array.isArray(items)) props(resource)[c.property] = [...(items as unknown[])];
  }
  const item = structuredClone(body);
  item.name = child.name;
  applyReadOnly(item, child.existing, childReadOnlyPaths(spec, child.collection));
  const p = props(resource);
  const items = childArray(resource, child.collection.property);
  const at = items.findIndex((c) => sameName(c.name, child.name));
  if (at >= 0) items[at] = item;
  else items.push(item);
  p[child.collection.property] = items;
  fillChildren(spec, resource, target.existing);
  return resource;
}

/** Ids of children present before and gone now. */
export function removedChildIds(
  spec: ResourceTypeSpec,
  before: ArmResource | undefined,
  after: ArmResource,
): string[] {
  if (!before) return [];
  const out: string[] = [];
  for (const c of spec.children) {
    const now = new Set(childArray(after, c.property).map((x) => String(x.name).toLowerCase()));
    for (const old of childArray(before, c.property)) {
      if (!now.has(String(old.name).toLowerCase()) && typeof old.id === 'string') out.push(old.id);
    }
  }
  return out;
}
