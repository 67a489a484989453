import type { ArmResource } from '../arm/ArmResource';
import { isExcluded } from './discovery/discoverVnets';
import { equalsIgnoreCase } from './equalsIgnoreCase';
import type { Ipv6Removal } from './Plan';
import type { Json } from './json';
import { cloneJson, nameOf, obj, str } from './json';
import { AAAA_RECORDS, addedByDualstack, sameAddress, withAddedNote } from './privateDnsRecords';
import { ipv4Only, samePrefix, subnetPrefixes } from './prefixes';

function parentOf(root: Json, path: string[]): { parent: Json; key: string } | undefined {
  let cur: Json | undefined = root;
  for (let i = 0; i < path.length - 1 && cur; i++) cur = obj(cur[path[i] ?? '']);
  const key = path[path.length - 1];
  return cur && key !== undefined ? { parent: cur, key } : undefined;
}

function removeOne(root: Json, removal: Ipv6Removal): void {
  switch (removal.op) {
    case 'removeFromArray': {
      const at = parentOf(root, removal.path);
      const list = at?.parent[at.key];
      if (at && Array.isArray(list))
        at.parent[at.key] = list.filter((v) => !(typeof v === 'string' && samePrefix(v, removal.value)));
      return;
    }
    case 'removeChild': {
      const at = parentOf(root, removal.path);
      const list = at?.parent[at.key];
      if (at && Array.isArray(list))
        at.parent[at.key] = list.filter((c) => !equalsIgnoreCase(nameOf(obj(c) ?? {}), removal.name));
      return;
    }
    case 'removeSubnetPrefix': {
      const subnets = obj(root.properties)?.subnets;
      if (!Array.isArray(subnets)) return;
      for (const subnet of subnets) {
        const s = obj(subnet);
        if (!s || !equalsIgnoreCase(nameOf(s), removal.subnetName)) continue;
        const sp = obj(s.properties);
        if (!sp) return;
        const prefixes = subnetPrefixes(sp);
        const kept = prefixes.filter((p) => !samePrefix(p, removal.value));
        if (kept.length === prefixes.length) return;
        // ARM shows a single-prefix subnet with `addressPrefix`, the form it had before IPv6 was added.
        const { addressPrefixes: _many, addressPrefix: _one, ...rest } = sp;
        const ipv4 = ipv4Only(kept);
        s.properties =
          ipv4.length === 1 && kept.length === 1
            ? { ...rest, addressPrefix: ipv4[0] }
            : { ...rest, addressPrefixes: kept };
        return;
      }
      return;
    }
    case 'removeAaaaRecord': {
      const p = obj(root.properties);
      if (!p) return;
      const address = removal.address;
      const records = p[AAAA_RECORDS];
      if (Array.isArray(records))
        p[AAAA_RECORDS] = records.filter((r) => !sameAddress(str(obj(r)?.ipv6Address) ?? '', address));
      const added = addedByDualstack(root);
      if (added.length === 0) return;
      const metadata = withAddedNote(
        obj(p.metadata),
        added.filter((a) => !sameAddress(a, address)),
      );
      // The note was all there was: the set goes back to having no metadata, as before.
      if (Object.keys(metadata).length > 0) p.metadata = metadata;
      else delete p.metadata;
      return;
    }
    case 'deleteResource':
    case 'commitAvnm':
      // not a body change: applyStep deletes the resource or posts the commit
      return;
    case 'setTag': {
      if (isExcluded(root as unknown as ArmResource, removal.name)) return;
      root.tags = { ...(obj(root.tags) ?? {}), [removal.name]: removal.value };
      return;
    }
  }
}

/**
 * A rollback step's removals applied to a freshly read resource: whatever a human changed since
 * planning survives, and removing what is already gone changes nothing. Pure: works on a copy
 * (rollbacks are rare and per resource, so a whole copy is simpler than copy-on-write here).
 */
export function applyIpv6Removals(fresh: ArmResource, removals: Ipv6Removal[]): ArmResource {
  if (removals.length === 0) return fresh;
  const root = cloneJson(fresh) as unknown as Json;
  for (const removal of removals) removeOne(root, removal);
  return root as unknown as ArmResource;
}
