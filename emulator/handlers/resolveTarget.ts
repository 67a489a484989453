import type { ArmResource } from '../../src/arm/ArmResource';
import { resourceGroupNotFound } from '../../src/arm/errors/commonErrors';
import type { RouteContext } from '../http/router';
import type { Json } from '../store/subResources';
import { findChild } from '../store/subResources';
import type { ChildCollection, ResourceTypeSpec } from './ResourceTypeSpec';

export interface Target {
  subscriptionId: string;
  resourceGroup: string;
  /** Id of the top-level resource, in its stored casing when it exists. */
  topId: string;
  /** Id of what the request addresses (the child id for child routes). */
  id: string;
  name: string;
  existing: ArmResource | undefined;
  child?: { collection: ChildCollection; name: string; existing: Json | undefined };
  /** Full type addressed, e.g. 'Microsoft.Network/virtualNetworks/subnets'. */
  type: string;
}

/** Reads the route params shared by every resource route: subscriptionId, resourceGroupName, name, childName. */
export function resolveTarget(
  ctx: RouteContext,
  spec: ResourceTypeSpec,
  collection?: ChildCollection,
): Target {
  const { subscriptionId = '', resourceGroupName = '', name = '', childName = '' } = ctx.params;
  const group = ctx.emulator.store.getResourceGroup(subscriptionId, resourceGroupName);
  if (!group) throw resourceGroupNotFound(resourceGroupName);
  const pathId = `/subscriptions/${subscriptionId}/resourceGroups/${group.name}/providers/${spec.type}/${name}`;
  const existing = ctx.emulator.store.get(pathId);
  const topId = existing?.id ?? pathId;
  const target: Target = {
    subscriptionId,
    resourceGroup: group.name,
    topId,
    id: topId,
    name: existing?.name ?? name,
    existing,
    type: spec.type,
  };
  if (collection) {
    const child = findChild(existing, collection.property, childName);
    const childName2 = typeof child?.name === 'string' ? child.name : childName;
    target.child = { collection, name: childName2, existing: child };
    target.id = `${topId}/${collection.segment}/${childName2}`;
    target.type = `${spec.type}/${collection.segment}`;
  }
  return target;
}
