import type { ArmResource } from '../../src/arm/ArmResource';
import { idKey, parseResourceId } from '../../src/arm/resourceId';
import type { ResourceReader } from '../validation/WriteContext';
import { collectReferences } from './collectReferences';

export interface ResourceGroup {
  id: string;
  name: string;
  type: 'Microsoft.Resources/resourceGroups';
  location: string;
  tags?: Record<string, string>;
  properties: { provisioningState: 'Succeeded' };
}

function bucketAdd(
  map: Map<string, Map<string, ArmResource>>,
  key: string,
  id: string,
  r: ArmResource,
): void {
  let m = map.get(key);
  if (!m) {
    m = new Map();
    map.set(key, m);
  }
  m.set(id, r);
}

/**
 * Top-level resources with their children inline, as ARM GET returns them.
 * Lookups are by lower-cased id; per-type, per-group and per-subscription
 * indexes keep lists and in-use checks away from full scans, and a reverse
 * index answers "who references this id" (subnet in use, peerings to a VNet).
 */
export class ResourceStore implements ResourceReader {
  private readonly byId = new Map<string, ArmResource>();
  private readonly byType = new Map<string, Map<string, ArmResource>>();
  private readonly byGroupType = new Map<string, Map<string, ArmResource>>();
  private readonly bySubscriptionType = new Map<string, Map<string, ArmResource>>();
  private readonly referencedBy = new Map<string, Set<string>>();
  private readonly outgoing = new Map<string, string[]>();
  readonly resourceGroups = new Map<string, ResourceGroup>();

  get(id: string): ArmResource | undefined {
    return this.byId.get(idKey(id));
  }

  ofType(type: string): ArmResource[] {
    return [...(this.byType.get(type.toLowerCase())?.values() ?? [])];
  }

  all(): IterableIterator<ArmResource> {
    return this.byId.values();
  }

  get size(): number {
    return this.byId.size;
  }

  listByGroup(subscriptionId: string, resourceGroup: string, type: string): ArmResource[] {
    return [
      ...(this.byGroupType.get(`${subscriptionId}/${resourceGroup}/${type}`.toLowerCase())?.values() ?? []),
    ];
  }

  listBySubscription(subscriptionId: string, type: string): ArmResource[] {
    return [...(this.bySubscriptionType.get(`${subscriptionId}/${type}`.toLowerCase())?.values() ?? [])];
  }

  /** Top-level resources that hold a reference to `id` (exactly that id, e.g. a subnet id). */
  referencing(id: string): ArmResource[] {
    const keys = this.referencedBy.get(idKey(id));
    if (!keys) return [];
    const out: ArmResource[] = [];
    for (const k of keys) {
      const r = this.byId.get(k);
      if (r) out.push(r);
    }
    return out;
  }

  getResourceGroup(subscriptionId: string, name: string): ResourceGroup | undefined {
    return this.resourceGroups.get(`${subscriptionId}/${name}`.toLowerCase());
  }

  putResourceGroup(
    subscriptionId: string,
    name: string,
    location: string,
    tags?: Record<string, string>,
  ): ResourceGroup {
    const existing = this.getResourceGroup(subscriptionId, name);
    const rg: ResourceGroup = {
      id: `/subscriptions/${subscriptionId}/resourceGroups/${existing?.name ?? name}`,
      name: existing?.name ?? name,
      type: 'Microsoft.Resources/resourceGroups',
      location: existing?.location ?? location,
      ...(tags ? { tags } : {}),
      properties: { provisioningState: 'Succeeded' },
    };
    this.resourceGroups.set(`${subscriptionId}/${name}`.toLowerCase(), rg);
    return rg;
  }

  /** Stores (or replaces) a top-level resource; its resource group must already exist. */
  put(resource: ArmResource): void {
    const key = idKey(resource.id);
    const parsed = parseResourceId(resource.id);
    if (!parsed) throw new Error(`not a resource id: ${resource.id}`);
    if (this.byId.has(key)) this.unindexReferences(key);
    this.byId.set(key, resource);
    const type = resource.type.toLowerCase();
    bucketAdd(this.byType, type, key, resource);
    bucketAdd(
      this.byGroupType,
      `${parsed.subscriptionId}/${parsed.resourceGroup}/${type}`.toLowerCase(),
      key,
      resource,
    );
    bucketAdd(this.bySubscriptionType, `${parsed.subscriptionId}/${type}`.toLowerCase(), key, resource);
    const targets = [...new Set(collectReferences(resource, resource.id).map((r) => idKey(r.id)))];
    this.outgoing.set(key, targets);
    for (const t of targets) {
      let set = this.referencedBy.get(t);
      if (!set) {
        set = new Set();
        this.referencedBy.set(t, set);
      }
      set.add(key);
    }
  }

  delete(id: string): boolean {
    const key = idKey(id);
    const resource = this.byId.get(key);
    const parsed = parseResourceId(id);
    if (!resource || !parsed) return false;
    this.unindexReferences(key);
    this.byId.delete(key);
    const type = resource.type.toLowerCase();
    this.byType.get(type)?.delete(key);
    this.byGroupType
      .get(`${parsed.subscriptionId}/${parsed.resourceGroup}/${type}`.toLowerCase())
      ?.delete(key);
    this.bySubscriptionType.get(`${parsed.subscriptionId}/${type}`.toLowerCase())?.delete(key);
    return true;
  }

  private unindexReferences(key: string): void {
    for (const t of this.outgoing.get(key) ?? []) {
      const set = this.referencedBy.get(t);
      set?.delete(key);
      if (set?.size === 0) this.referencedBy.delete(t);
    }
    this.outgoing.delete(key);
  }
}
