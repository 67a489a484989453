import type { ArmResource } from '../arm/ArmResource';
import { parentResourceId } from '../arm/resourceId';
import type { IssueCollector } from './IssueCollector';
import type { ValidResource } from './validateResource';
import { childTypeInfo } from './networkResourceTypes';
import { topologyKey } from './topologyKey';

/**
 * `az network vnet subnet list` and friends export child resources on their
 * own. ARM GET nests them in their parent, which is the one shape the emulator
 * and planner read, so each is moved into its parent's collection (replacing
 * the inline copy with the same id). A child whose parent is absent is an issue.
 */
export function mergeChildResources(valid: ValidResource[], issues: IssueCollector): ArmResource[] {
  if (!valid.some((v) => v.parsedId.names.length > 1)) return valid.map((v) => v.resource);
  const byId = new Map<string, ArmResource>();
  const order: string[] = [];
  const children: ValidResource[] = [];
  for (const v of valid) {
    if (v.parsedId.names.length > 1 && childTypeInfo(v.resource.type)) children.push(v);
    else {
      byId.set(topologyKey(v.resource.id), v.resource);
      order.push(topologyKey(v.resource.id));
    }
  }
  for (const { resource, parsedId } of children) {
    const parentId = parentResourceId(resource.id, parsedId.names.length - 1);
    const parent = byId.get(topologyKey(parentId));
    const info = childTypeInfo(resource.type);
    if (!parent || !info) {
      issues.add(
        { resourceId: resource.id },
        'id',
        `its parent ${parentId} is not in the topology; export the parent too (ARM returns children inside it)`,
      );
      continue;
    }
    const { location: _location, ...child } = resource;
    const properties = parent.properties ?? {};
    const existing = properties[info.collection];
    const list = Array.isArray(existing) ? (existing as unknown[]) : [];
    const at = list.findIndex(
      (c) =>
        typeof c === 'object' &&
        c !== null &&
        topologyKey(String((c as ArmResource).id)) === topologyKey(resource.id),
    );
    const merged = at >= 0 ? list.map((c, i) => (i === at ? child : c)) : [...list, child];
    byId.set(topologyKey(parentId), { ...parent, properties: { ...properties, [info.collection]: merged } });
  }
  return order.map((key) => byId.get(key)).filter((r): r is ArmResource => r !== undefined);
}
