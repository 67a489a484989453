import type { ArmResource } from '../arm/ArmResource';
import { sameId } from '../arm/resourceId';
import { equalsIgnoreCase } from './equalsIgnoreCase';
import type { Ipv6Addition } from './Plan';
import type { Json } from './json';
import { cloneJson, nameOf, obj, str, strs } from './json';
import { canonicalPrefix as canonical, ipv4Only, isIpv6, subnetPrefixes } from './prefixes';
import {
  AAAA_RECORDS,
  aaaaAddresses,
  addedByDualstack,
  sameAddress,
  withAddedNote,
} from './privateDnsRecords';

/**
 * Copy-on-write over a resource body: every object or array on a path that an addition
 * changes is shallow-copied once; everything else is shared with the input. A 5,000-spoke
 * plan copies a few hundred bytes per NIC instead of the whole NIC.
 */
class Draft {
  /** a handful per body: a list beats a Set per step */
  private readonly owned: object[];
  readonly root: Json;

  constructor(fresh: ArmResource) {
    this.root = { ...(fresh as unknown as Json) };
    this.owned = [this.root];
  }

  private own<T extends object>(value: T): T {
    if (this.owned.includes(value)) return value;
    const copy = (Array.isArray(value) ? [...(value as unknown[])] : { ...value }) as T;
    this.owned.push(copy);
    return copy;
  }

  /** The object at the first `depth` keys of `path`, owned (safe to modify), created when missing. */
  objectAt(path: string[], depth = path.length): Json {
    let cur = this.root;
    for (let i = 0; i < depth; i++) {
      const key = path[i] ?? '';
      const next = this.own(obj(cur[key]) ?? {});
      cur[key] = next;
      cur = next;
    }
    return cur;
  }

  /** The array at `path`, owned, created when missing. */
  arrayAt(path: string[]): unknown[] {
    const parent = this.objectAt(path, path.length - 1);
    const key = path[path.length - 1] ?? '';
    const existing = parent[key];
    const list = this.own(Array.isArray(existing) ? (existing as unknown[]) : []);
    parent[key] = list;
    return list;
  }

  /** Appends to the array at `path`; the first append copies it at exactly its new size, as plans keep it. */
  append(path: string[], value: unknown): void {
    const parent = this.objectAt(path, path.length - 1);
    const key = path[path.length - 1] ?? '';
    const existing = parent[key];
    if (Array.isArray(existing) && this.owned.includes(existing)) {
      existing.push(value);
      return;
    }
    const items = Array.isArray(existing) ? (existing as unknown[]) : [];
    const list = new Array<unknown>(items.length + 1);
    for (let i = 0; i < items.length; i++) list[i] = items[i];
    list[items.length] = value;
    this.owned.push(list);
    parent[key] = list;
  }

  /** The named child of the array at `path`, owned, or undefined when there is none. */
  childAt(path: string[], name: string): Json | undefined {
    const index = childIndex(read(this.root, path), name);
    if (index < 0) return undefined;
    const list = this.arrayAt(path);
    const child = this.own(obj(list[index]) ?? {});
    list[index] = child;
    return child;
  }
}

/** Read-only walk: never copies. */
function read(root: Json, path: string[]): unknown {
  let cur: unknown = root;
  for (const key of path) cur = obj(cur)?.[key];
  return cur;
}

function childIndex(list: unknown, name: string): number {
  if (!Array.isArray(list)) return -1;
  // A loop rather than findIndex: every step of a plan looks for its children here.
  for (let i = 0; i < list.length; i++) {
    const child = obj(list[i]);
    if (equalsIgnoreCase(child ? nameOf(child) : '', name)) return i;
  }
  return -1;
}

function hasPrefix(list: unknown, value: string): boolean {
  if (!Array.isArray(list)) return false;
  let want: string | undefined;
  return list.some(
    (v) =>
      v === value ||
      (typeof v === 'string' && v.includes(':') && canonical(v) === (want ??= canonical(value))),
  );
}

function applyOne(draft: Draft, addition: Ipv6Addition): void {
  const root = draft.root;
  switch (addition.op) {
    case 'appendToArray':
      if (!hasPrefix(read(root, addition.path), addition.value)) draft.append(addition.path, addition.value);
      return;
    case 'addChild':
      if (childIndex(read(root, addition.path), addition.value.name) < 0)
        // Shared with the step's additions: plans are immutable (see PlanStep.desired).
        draft.append(addition.path, addition.value);
      return;
    case 'addSubnetPrefix': {
      const path = ['properties', 'subnets'];
      const index = childIndex(read(root, path), addition.subnetName);
      // A subnet deleted by a human since planning stays deleted.
      if (index < 0) return;
      const before = obj(obj((read(root, path) as unknown[])[index])?.properties) ?? {};
      if ([...strs(before.addressPrefixes), str(before.addressPrefix) ?? ''].some(isIpv6)) return;
      const subnet = draft.childAt(path, addition.subnetName);
      if (!subnet) return;
      // Dual-stack subnets use addressPrefixes only; the single addressPrefix carried the same IPv4 value.
      // Left out rather than deleted: `delete` turns the copy into a slow dictionary object.
      const { addressPrefix: _single, ...sp } = before;
      sp.addressPrefixes = [...ipv4Only(subnetPrefixes(before)), addition.value];
      subnet.properties = sp;
      return;
    }
    case 'appendRef': {
      const existing = obj(
        (read(root, addition.path) as unknown[] | undefined)?.[
          childIndex(read(root, addition.path), addition.childName)
        ],
      );
      if (!existing) return;
      const refs = read(existing, addition.childPath);
      if (Array.isArray(refs) && refs.some((r) => sameId(str(obj(r)?.id), addition.value.id))) return;
      const child = draft.childAt(addition.path, addition.childName);
      if (!child) return;
      let cur = child;
      for (const key of addition.childPath.slice(0, -1)) {
        const next = { ...(obj(cur[key]) ?? {}) };
        cur[key] = next;
        cur = next;
      }
      const last = addition.childPath[addition.childPath.length - 1] ?? '';
      cur[last] = [...(Array.isArray(cur[last]) ? (cur[last] as unknown[]) : []), { ...addition.value }];
      return;
    }
    case 'addAaaaRecord': {
      const p = obj(root.properties);
      if (typeof p?.ttl !== 'number') draft.objectAt(['properties']).ttl = addition.ttl;
      const address = addition.address;
      if (address === undefined || aaaaAddresses(root).some((a) => sameAddress(a, address))) return;
      draft.append(['properties', AAAA_RECORDS], { ipv6Address: address });
      const properties = draft.objectAt(['properties']);
      properties.metadata = withAddedNote(obj(properties.metadata), [...addedByDualstack(root), address]);
      return;
    }
    case 'createResource':
      // the resource exists (it was read): applyStep creates a missing one
      return;
    case 'commitAvnm':
      // not a body change: applyStep posts the commit
      return;
    case 'setIfAbsent':
      if (obj(read(root, addition.path)) === undefined) {
        const parent = draft.objectAt(addition.path, addition.path.length - 1);
        parent[addition.path[addition.path.length - 1] ?? ''] = cloneJson(addition.value);
      }
      return;
  }
}

/**
 * Re-merges a step's IPv6 additions onto a freshly read resource: whatever a human changed
 * since planning survives, and applying to a resource that already has the additions changes
 * nothing. Pure: `fresh` is not modified. The result shares the parts it doesn't change with
 * `fresh` (copy-on-write), so treat both as immutable, or deep-copy before editing.
 */
export function applyIpv6Additions(fresh: ArmResource, additions: Ipv6Addition[]): ArmResource {
  const draft = new Draft(fresh);
  for (const addition of additions) applyOne(draft, addition);
  return draft.root as unknown as ArmResource;
}
