import type { ArmResource } from '../../src/arm/ArmResource';
import { internalServerError } from '../../src/arm/errors/commonErrors';
import { idKey } from '../../src/arm/resourceId';
import type { EmulatorResponse } from '../http/EmulatorRequest';
import type { RouteContext } from '../http/router';
import { childArray, props, sameName } from '../store/subResources';
import type { ChildCollection, ResourceTypeSpec } from './ResourceTypeSpec';
import { buildEvent } from './buildEvent';
import { newEtag, setProvisioningState, stampEtag } from './commitState';
import { asyncOperationUrl, operationResultUrl, retryAfterSeconds } from './operationUrls';
import { checkWritable } from './preconditions';
import { touchJoinedSubnets } from './touchJoinedSubnets';
import { resolveTarget } from './resolveTarget';

/** The resource as a child DELETE leaves it. */
function withoutChild(resource: ArmResource, collection: ChildCollection, childId: string): ArmResource {
  const after = structuredClone(resource);
  const key = idKey(childId);
  props(after)[collection.property] = childArray(after, collection.property).filter(
    (c) => typeof c.id !== 'string' || idKey(c.id) !== key,
  );
  return after;
}

/** DELETE of a resource or child: 204 when absent, else 202 and the resource leaves when the operation ends. */
export function deleteResource(
  ctx: RouteContext,
  spec: ResourceTypeSpec,
  collection?: ChildCollection,
): EmulatorResponse {
  const { emulator, req } = ctx;
  const target = resolveTarget(ctx, spec, collection);
  const existing = target.existing;
  const before = collection ? target.child?.existing : existing;
  if (!existing || !before) return { status: 204 };
  checkWritable(ctx, target, before.etag, true);
  const removedIds = collection
    ? [target.id]
    : spec.children.flatMap((c) => childArray(existing, c.property).map((x) => String(x.id)));
  if (!collection) spec.beforeDelete?.(emulator, existing);
  spec.beforeRemove?.(
    emulator,
    existing,
    removedIds,
    collection ? withoutChild(existing, collection, target.id) : undefined,
  );

  props(before).provisioningState = 'Deleting';
  if (collection) props(existing).provisioningState = 'Updating';
  const op = emulator.operations.start({
    lockedId: existing.id,
    targetId: target.id,
    targetType: target.type,
    location: existing.location ?? 'westeurope',
    subscriptionId: target.subscriptionId,
    name: `Delete${target.type.split('/').pop() ?? ''}Operation`,
    latencyMs: emulator.latency(target.type),
    ...(ctx.fault === 'lroFailed' ? { failWith: internalServerError().body } : {}),
    onEnd: (status) => {
      if (ctx.logEntry) {
        ctx.logEntry.finishedAt = emulator.clock.now();
        ctx.logEntry.operationStatus = status;
      }
      const current = emulator.store.get(existing.id);
      if (!current) return;
      if (status === 'Failed') {
        setProvisioningState(spec, current, 'Failed', 'Deleting');
        setProvisioningState(spec, current, 'Failed', 'Updating');
        return;
      }
      if (collection && target.child) {
        const updated = structuredClone(current);
        const items = childArray(updated, collection.property).filter(
          (c) => !sameName(c.name, target.child?.name ?? ''),
        );
        props(updated)[collection.property] = items;
        stampEtag(spec, updated, newEtag());
        setProvisioningState(spec, updated, 'Succeeded', 'Updating');
        emulator.store.put(updated);
        spec.afterStore?.(emulator, updated, current);
        touchJoinedSubnets(emulator, current, updated);
      } else {
        emulator.store.delete(current.id);
        spec.afterDelete?.(emulator, current);
        touchJoinedSubnets(emulator, current, undefined);
      }
      emulator.emit(buildEvent(req, 'delete', target.id, `${target.type}/delete`, new Date()));
    },
  });
  return {
    status: 202,
    headers: {
      'Azure-AsyncOperation': asyncOperationUrl(emulator, op, req.apiVersion),
      Location: operationResultUrl(emulator, op, req.apiVersion),
      'Retry-After': retryAfterSeconds(emulator, op),
    },
  };
}
