import { idKey } from '../../src/arm/resourceId';

export interface Reference {
  /** The property that holds the `{ id }` object, e.g. 'subnet', 'loadBalancerBackendAddressPools'. */
  property: string;
  id: string;
}

/**
 * Every `{ id }` in `value` that points outside `ownId` (the resource's own
 * sub-resources carry ids under it). These are the links ARM authorises with
 * join actions and refuses to break with in-use errors.
 */
export function collectReferences(value: unknown, ownId: string): Reference[] {
  const own = idKey(ownId);
  const ownPrefix = `${own}/`;
  const out: Reference[] = [];
  const walk = (node: unknown, property: string): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item, property);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    const id = record.id;
    if (typeof id === 'string' && property !== '' && id.charCodeAt(0) === 47 /* '/' */) {
      const key = id.toLowerCase();
      if (key !== own && !key.startsWith(ownPrefix)) out.push({ property, id });
    }
    for (const k in record) {
      const v = record[k];
      if (k !== 'id' && typeof v === 'object' && v !== null) walk(v, k);
    }
  };
  walk(value, '');
  return out;
}
