import type { ArmResource } from '../../src/arm/ArmResource';
import { resourceGroupNotFound, resourceNotFound } from '../../src/arm/errors/commonErrors';
import type { Emulator } from '../Emulator';
import type { EmulatorResponse } from '../http/EmulatorRequest';
import type { RouteContext } from '../http/router';
import { childArray, findChild } from '../store/subResources';
import type { ChildCollection, ResourceTypeSpec } from './ResourceTypeSpec';
import { page } from './page';
import { resolveTarget } from './resolveTarget';

export function view(emulator: Emulator, spec: ResourceTypeSpec, resource: ArmResource): ArmResource {
  emulator.operations.settleResource(resource.id);
  return spec.decorate ? spec.decorate(emulator, resource) : resource;
}

export function getResource(
  ctx: RouteContext,
  spec: ResourceTypeSpec,
  collection?: ChildCollection,
): EmulatorResponse {
  const target = resolveTarget(ctx, spec, collection);
  if (!target.existing) throw resourceNotFound(target.topId);
  const shown = view(ctx.emulator, spec, target.existing);
  if (!collection) return { status: 200, body: shown };
  const child = findChild(shown, collection.property, target.child?.name ?? '');
  if (!child) throw resourceNotFound(target.id);
  return { status: 200, body: child };
}

export function listChildren(
  ctx: RouteContext,
  spec: ResourceTypeSpec,
  collection: ChildCollection,
): EmulatorResponse {
  const target = resolveTarget(ctx, spec);
  if (!target.existing) throw resourceNotFound(target.topId);
  const shown = view(ctx.emulator, spec, target.existing);
  return page(ctx.req, childArray(shown, collection.property), ctx.emulator.pageSize, (c: unknown) => c);
}

export function listByResourceGroup(ctx: RouteContext, spec: ResourceTypeSpec): EmulatorResponse {
  const { subscriptionId = '', resourceGroupName = '' } = ctx.params;
  if (!ctx.emulator.store.getResourceGroup(subscriptionId, resourceGroupName)) {
    throw resourceGroupNotFound(resourceGroupName);
  }
  const items = ctx.emulator.store.listByGroup(subscriptionId, resourceGroupName, spec.type);
  return page(ctx.req, items, ctx.emulator.pageSize, (r: ArmResource) => view(ctx.emulator, spec, r));
}

export function listBySubscription(ctx: RouteContext, spec: ResourceTypeSpec): EmulatorResponse {
  const items = ctx.emulator.store.listBySubscription(ctx.params.subscriptionId ?? '', spec.type);
  return page(ctx.req, items, ctx.emulator.pageSize, (r: ArmResource) => view(ctx.emulator, spec, r));
}
