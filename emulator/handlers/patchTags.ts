import { invalidRequestFormat, resourceNotFound } from '../../src/arm/errors/commonErrors';
import type { EmulatorResponse } from '../http/EmulatorRequest';
import type { RouteContext } from '../http/router';
import { isRecord } from '../store/subResources';
import type { ResourceTypeSpec } from './ResourceTypeSpec';
import { buildEvent } from './buildEvent';
import { newEtag, stampEtag } from './commitState';
import { checkWritable } from './preconditions';
import { view } from './readResource';
import { resolveTarget } from './resolveTarget';

/** PATCH `{ tags }` (the SDK's updateTags): replaces the tags synchronously, as Network RP does. */
export function patchTags(ctx: RouteContext, spec: ResourceTypeSpec): EmulatorResponse {
  const { emulator, req } = ctx;
  const target = resolveTarget(ctx, spec);
  const existing = target.existing;
  if (!existing) throw resourceNotFound(target.topId);
  const body = req.body;
  if (!isRecord(body) || (body.tags !== undefined && !isRecord(body.tags))) {
    throw invalidRequestFormat('The body must be an object with an optional tags object.', 'tags');
  }
  checkWritable(ctx, target, existing.etag, true);
  const updated = structuredClone(existing);
  if (body.tags === undefined) delete updated.tags;
  else updated.tags = body.tags as Record<string, string>;
  stampEtag(spec, updated, newEtag());
  emulator.store.put(updated);
  if (ctx.logEntry) ctx.logEntry.finishedAt = emulator.clock.now();
  emulator.emit(buildEvent(req, 'write', target.id, `${spec.type}/write`, new Date()));
  return { status: 200, body: view(emulator, spec, updated) };
}
