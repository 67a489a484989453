import type { ArmResource } from '../../src/arm/ArmResource';
import { invalidRequestFormat, resourceNotFound } from '../../src/arm/errors/commonErrors';
import { idKey } from '../../src/arm/resourceId';
import type { Emulator } from '../Emulator';
import type { EmulatorResponse } from '../http/EmulatorRequest';
import type { RouteContext } from '../http/router';
import { isRecord, type Json } from '../store/subResources';
import { buildEvent } from './buildEvent';
import { page } from './page';

/*
 * Resources ARM keeps beside their parent rather than inline in it (Private DNS links and record sets,
 * IPAM pools and their static CIDRs): stored under their own ids, written synchronously.
 */

/** Every stored resource whose id lies under `parentId`, sorted by id. */
export function nestedUnder(emulator: Emulator, parentId: string): ArmResource[] {
  const prefix = `${idKey(parentId)}/`;
  const out: ArmResource[] = [];
  for (const r of emulator.store.all()) if (idKey(r.id).startsWith(prefix)) out.push(r);
  return out.sort((a, b) => (idKey(a.id) < idKey(b.id) ? -1 : 1));
}

export function sameType(r: ArmResource, type: string): boolean {
  return r.type.toLowerCase() === type.toLowerCase();
}

export function bodyOf(ctx: RouteContext): Json {
  const body = ctx.req.body;
  if (!isRecord(body)) throw invalidRequestFormat('The request body must be a JSON object.', '');
  return body;
}

export function emitWrite(ctx: RouteContext, kind: 'write' | 'delete', id: string, type: string): void {
  ctx.emulator.emit(buildEvent(ctx.req, kind, id, `${type}/${kind}`, new Date()));
}

export function getNested(ctx: RouteContext, id: string): EmulatorResponse {
  const found = ctx.emulator.store.get(id);
  if (!found) throw resourceNotFound(id);
  return { status: 200, body: structuredClone(found) };
}

export function listNested(ctx: RouteContext, items: ArmResource[]): EmulatorResponse {
  return page(ctx.req, items, ctx.emulator.pageSize, (r: ArmResource) => structuredClone(r));
}
