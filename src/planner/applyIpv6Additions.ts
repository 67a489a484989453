import type { ArmResource } from '../arm/ArmResource';
import { sameId } from '../arm/resourceId';
import type { Ipv6Addition } from './Plan';
import type { Json } from './json';
import { cloneJson, nameOf, obj, objs, sameName, str, strs } from './json';
import { canonicalPrefix as canonical, ipv4Only, isIpv6, subnetPrefixes } from './prefixes';

/** Walks to the object at `path`, creating empty objects on the way. */
function objectAt(root: Json, path: string[]): Json {
  let cur = root;
  for (const key of path) {
    let next = obj(cur[key]);
    if (!next) {
      next = {};
      cur[key] = next;
    }
    cur = next;
  }
  return cur;
}

/** The array at `path`, created when missing. */
function arrayAt(root: Json, path: string[]): unknown[] {
  const parent = objectAt(root, path.slice(0, -1));
  const key = path[path.length - 1] ?? '';
  const existing = parent[key];
  if (Array.isArray(existing)) return existing as unknown[];
  const created: unknown[] = [];
  parent[key] = created;
  return created;
}

function findChild(root: Json, path: string[], name: string): Json | undefined {
  return objs(arrayAt(root, path)).find((c) => sameName(nameOf(c), name));
}

function applyOne(body: Json, addition: Ipv6Addition): void {
  switch (addition.op) {
    case 'appendToArray': {
      const list = arrayAt(body, addition.path);
      const want = canonical(addition.value);
      const present = list.some(
        (v) => v === addition.value || (typeof v === 'string' && v.includes(':') && canonical(v) === want),
      );
      if (!present) list.push(addition.value);
      return;
    }
    case 'addChild': {
      if (!findChild(body, addition.path, addition.value.name))
        arrayAt(body, addition.path).push(cloneJson(addition.value));
      return;
    }
    case 'addSubnetPrefix': {
      const subnet = findChild(body, ['properties', 'subnets'], addition.subnetName);
      // A subnet deleted by a human since planning stays deleted.
      if (!subnet) return;
      const sp = objectAt(subnet, ['properties']);
      const all = [...strs(sp.addressPrefixes), str(sp.addressPrefix)].filter((p): p is string => !!p);
      if (all.some(isIpv6)) return;
      // Dual-stack subnets use addressPrefixes only; the single addressPrefix carried the same IPv4 value.
      sp.addressPrefixes = [...ipv4Only(subnetPrefixes(sp)), addition.value];
      delete sp.addressPrefix;
      return;
    }
    case 'appendRef': {
      const child = findChild(body, addition.path, addition.childName);
      if (!child) return;
      const list = arrayAt(child, addition.childPath);
      if (!list.some((r) => sameId(str(obj(r)?.id), addition.value.id))) list.push({ ...addition.value });
      return;
    }
    case 'setIfAbsent': {
      const parent = objectAt(body, addition.path.slice(0, -1));
      const key = addition.path[addition.path.length - 1] ?? '';
      if (obj(parent[key]) === undefined) parent[key] = cloneJson(addition.value);
      return;
    }
  }
}

/**
 * Re-merges a step's IPv6 additions onto a freshly read resource: whatever a human changed
 * since planning survives, and applying to a resource that already has the additions changes nothing.
 * Pure: `fresh` is not modified.
 */
export function applyIpv6Additions(fresh: ArmResource, additions: Ipv6Addition[]): ArmResource {
  const body = cloneJson(fresh) as unknown as Json;
  for (const addition of additions) applyOne(body, addition);
  return body as unknown as ArmResource;
}
