import { randomUUID } from 'node:crypto';
import type { ArmResource } from '../../src/arm/ArmResource';
import {
  invalidRequestFormat,
  parentResourceNotFound,
  resourceGroupNotFound,
  resourceNotFound,
} from '../../src/arm/errors/commonErrors';
import { idKey } from '../../src/arm/resourceId';
import type { Emulator } from '../Emulator';
import type { EmulatorResponse } from '../http/EmulatorRequest';
import type { Route, RouteContext } from '../http/router';
import { isRecord, props, type Json } from '../store/subResources';
import { bodyValidators } from '../writeValidators';
import { buildEvent } from './buildEvent';
import { page } from './page';
import { operationResultUrl, retryAfterSeconds } from './operationUrls';
import { checkPreconditions } from './preconditions';
import { NETWORK_API_VERSIONS } from './resourceRoutes';
import { typeRoute } from './typeRoute';

export const NETWORK_MANAGERS = 'Microsoft.Network/networkManagers';
export const NETWORK_MANAGER_PATH =
  '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/networkManagers/{networkManagerName}';

export interface ChildWriteContext {
  emulator: Emulator;
  networkManager: ArmResource;
  /** The resource the child sits under (the network manager itself for first-level children). */
  parent: ArmResource;
  /** What will be stored: id, name, type and the body's properties without the read-only ones. Mutable. */
  resource: ArmResource;
  existing: ArmResource | undefined;
}

export interface ChildDeleteContext {
  emulator: Emulator;
  networkManager: ArmResource;
  resource: ArmResource;
  /** `force=true` on the DELETE: AVNM then removes what the resource is deployed in first. */
  force: boolean;
}

/**
 * One type under Microsoft.Network/networkManagers. ARM keeps each as a resource of its own (never
 * inline in the parent), listed per parent with $top/$skipToken, with a GUID etag; PUT is synchronous
 * (200/201); DELETE is synchronous or, where the spec says so, a long-running operation with Location.
 * Add a type by writing its spec and appending it to `networkManagerChildSpecs` (networkManagers.ts).
 */
export interface NetworkManagerChildSpec {
  /** Full type, e.g. 'Microsoft.Network/networkManagers/networkGroups/staticMembers'. */
  type: string;
  /** Read-only property names the service fills (dropped from a PUT body); provisioningState always is. */
  readOnly?: readonly string[];
  /** Checks the body and fills what the service fills; throws ArmError to refuse. Runs before anything is stored. */
  prepare?(ctx: ChildWriteContext): void;
  /** Throws ArmError while the resource can't go (in use, deployed). */
  beforeDelete?(ctx: ChildDeleteContext): void;
  /** DELETE answers 202 + Location and the resource leaves when the operation ends (spec: x-ms-long-running-operation). */
  asyncDelete?: boolean;
  /** Views computed at read time (e.g. a static member's region). Must not mutate the stored object. */
  decorate?(emulator: Emulator, resource: ArmResource): ArmResource;
}

/** Path segments below the network manager: ['networkGroups', 'staticMembers'] for static members. */
function segmentsOf(spec: NetworkManagerChildSpec): string[] {
  return spec.type.split('/').slice(2);
}

function pathOf(spec: NetworkManagerChildSpec): { list: string; item: string } {
  let path = NETWORK_MANAGER_PATH;
  const segments = segmentsOf(spec);
  segments.forEach((segment, i) => {
    path += `/${segment}`;
    if (i < segments.length - 1) path += `/{name${i}}`;
  });
  return { list: path, item: `${path}/{name}` };
}

export function networkManagerOf(ctx: RouteContext): ArmResource {
  const { subscriptionId = '', resourceGroupName = '', networkManagerName = '' } = ctx.params;
  const group = ctx.emulator.store.getResourceGroup(subscriptionId, resourceGroupName);
  if (!group) throw resourceGroupNotFound(resourceGroupName);
  const id = `/subscriptions/${subscriptionId}/resourceGroups/${group.name}/providers/${NETWORK_MANAGERS}/${networkManagerName}`;
  const found = ctx.emulator.store.get(id);
  if (!found) throw parentResourceNotFound(id);
  return found;
}

/** The direct parent (network manager, network group, rule collection...) the route names; 404 if absent. */
function parentOf(
  ctx: RouteContext,
  spec: NetworkManagerChildSpec,
): { nm: ArmResource; parent: ArmResource } {
  const nm = networkManagerOf(ctx);
  let parent = nm;
  segmentsOf(spec)
    .slice(0, -1)
    .forEach((segment, i) => {
      const id = `${parent.id}/${segment}/${ctx.params[`name${i}`] ?? ''}`;
      const found = ctx.emulator.store.get(id);
      if (!found) throw parentResourceNotFound(id);
      parent = found;
    });
  return { nm, parent };
}

function lastSegment(spec: NetworkManagerChildSpec): string {
  return segmentsOf(spec).at(-1) ?? '';
}

/** Resources stored under `id` (children, grandchildren), sorted by id. */
export function descendantsOf(emulator: Emulator, id: string): ArmResource[] {
  const prefix = `${idKey(id)}/`;
  const out: ArmResource[] = [];
  for (const r of emulator.store.all()) if (idKey(r.id).startsWith(prefix)) out.push(r);
  return out.sort((a, b) => (idKey(a.id) < idKey(b.id) ? -1 : 1));
}

/** The stored children of `parentId` of one type. */
export function childrenOfType(emulator: Emulator, parentId: string, type: string): ArmResource[] {
  const depth = parentId.split('/').length + 2;
  return descendantsOf(emulator, parentId).filter(
    (r) => r.type.toLowerCase() === type.toLowerCase() && r.id.split('/').length === depth,
  );
}

/** Every stored resource of `type` under one network manager. */
export function ofTypeUnder(emulator: Emulator, networkManagerId: string, type: string): ArmResource[] {
  return descendantsOf(emulator, networkManagerId).filter((r) => r.type.toLowerCase() === type.toLowerCase());
}

function shown(emulator: Emulator, spec: NetworkManagerChildSpec, r: ArmResource): ArmResource {
  return structuredClone(spec.decorate ? spec.decorate(emulator, r) : r);
}

function emit(ctx: RouteContext, kind: 'write' | 'delete', resource: ArmResource): void {
  ctx.emulator.emit(buildEvent(ctx.req, kind, resource.id, `${resource.type}/${kind}`, new Date()));
}

function put(ctx: RouteContext, spec: NetworkManagerChildSpec): EmulatorResponse {
  const { nm, parent } = parentOf(ctx, spec);
  const name = ctx.params.name ?? '';
  const id = `${parent.id}/${lastSegment(spec)}/${name}`;
  const existing = ctx.emulator.store.get(id);
  checkPreconditions(ctx.req.headers, existing?.etag, existing !== undefined, id);
  const body = ctx.req.body;
  for (const validate of bodyValidators) {
    const error = validate(spec.type, body);
    if (error) throw error;
  }
  if (!isRecord(body)) throw invalidRequestFormat('The request body must be a JSON object.', '');
  const own: Json = { ...(isRecord(body.properties) ? body.properties : {}) };
  for (const key of ['provisioningState', 'resourceGuid', ...(spec.readOnly ?? [])]) delete own[key];
  const resource: ArmResource = {
    id: existing?.id ?? id,
    name: existing?.name ?? name,
    type: spec.type,
    etag: randomUUID(),
    properties: own,
  };
  spec.prepare?.({ emulator: ctx.emulator, networkManager: nm, parent, resource, existing });
  const p = props(resource);
  p.provisioningState = 'Succeeded';
  p.resourceGuid = existing ? props(existing).resourceGuid : randomUUID();
  ctx.emulator.store.put(resource);
  emit(ctx, 'write', resource);
  return { status: existing ? 200 : 201, body: shown(ctx.emulator, spec, resource) };
}

function remove(ctx: RouteContext, spec: NetworkManagerChildSpec): EmulatorResponse {
  const { nm, parent } = parentOf(ctx, spec);
  const existing = ctx.emulator.store.get(`${parent.id}/${lastSegment(spec)}/${ctx.params.name ?? ''}`);
  if (!existing) return { status: 204 };
  checkPreconditions(ctx.req.headers, existing.etag, true, existing.id);
  const force = ctx.req.query.get('force')?.toLowerCase() === 'true';
  spec.beforeDelete?.({ emulator: ctx.emulator, networkManager: nm, resource: existing, force });
  const drop = (): void => {
    for (const r of descendantsOf(ctx.emulator, existing.id)) ctx.emulator.store.delete(r.id);
    ctx.emulator.store.delete(existing.id);
    emit(ctx, 'delete', existing);
  };
  if (!spec.asyncDelete) {
    drop();
    return { status: 200 };
  }
  props(existing).provisioningState = 'Deleting';
  return startLocationOperation(
    ctx,
    nm,
    existing.id,
    spec.type,
    `Delete${lastSegment(spec)}Operation`,
    () => {
      drop();
      return undefined;
    },
  );
}

/**
 * An AVNM long-running operation as the spec declares them (final-state-via: location): 202 with Location and
 * Retry-After; the Location URL answers 202 until the end, then the result (200) or 204. `finish` runs when the
 * operation ends and returns its result body.
 */
export function startLocationOperation(
  ctx: RouteContext,
  networkManager: ArmResource,
  targetId: string,
  targetType: string,
  name: string,
  finish: () => unknown,
  body?: unknown,
): EmulatorResponse {
  const { emulator, req } = ctx;
  const op = emulator.operations.start({
    lockedId: networkManager.id,
    targetId,
    targetType,
    location: networkManager.location ?? 'westeurope',
    subscriptionId: ctx.params.subscriptionId ?? '',
    name,
    latencyMs: emulator.latency(targetType),
    onEnd: (status) => {
      if (ctx.logEntry) {
        ctx.logEntry.finishedAt = emulator.clock.now();
        ctx.logEntry.operationStatus = status;
      }
      return status === 'Succeeded' ? finish() : undefined;
    },
  });
  return {
    status: 202,
    ...(body === undefined ? {} : { body }),
    headers: {
      Location: operationResultUrl(emulator, op, req.apiVersion),
      'Retry-After': retryAfterSeconds(emulator, op),
    },
  };
}

/** GET, PUT, DELETE and the paged list of one network manager child type. */
export function networkManagerChildRoutes(spec: NetworkManagerChildSpec): Route[] {
  const { list, item } = pathOf(spec);
  const get = (ctx: RouteContext): EmulatorResponse => {
    const { parent } = parentOf(ctx, spec);
    const found = ctx.emulator.store.get(`${parent.id}/${lastSegment(spec)}/${ctx.params.name ?? ''}`);
    if (!found) throw resourceNotFound(`${parent.id}/${lastSegment(spec)}/${ctx.params.name ?? ''}`);
    return { status: 200, body: shown(ctx.emulator, spec, found) };
  };
  const listAll = (ctx: RouteContext): EmulatorResponse => {
    const { parent } = parentOf(ctx, spec);
    const top = Number(ctx.req.query.get('$top') ?? '');
    const size =
      Number.isInteger(top) && top > 0 ? Math.min(top, ctx.emulator.pageSize) : ctx.emulator.pageSize;
    return page(ctx.req, childrenOfType(ctx.emulator, parent.id, spec.type), size, (r: ArmResource) =>
      shown(ctx.emulator, spec, r),
    );
  };
  return [
    typeRoute(NETWORK_API_VERSIONS, 'GET', item, spec.type, 'read', get),
    typeRoute(NETWORK_API_VERSIONS, 'PUT', item, spec.type, 'write', (c) => put(c, spec)),
    typeRoute(NETWORK_API_VERSIONS, 'DELETE', item, spec.type, 'delete', (c) => remove(c, spec)),
    typeRoute(NETWORK_API_VERSIONS, 'GET', list, spec.type, 'list', listAll),
  ];
}

/**
 * A child from a topology file, stored as a PUT would leave it. Its parents must come before it in the file
 * (an export sorted by id has them first).
 */
export function loadNetworkManagerChild(emulator: Emulator, resource: ArmResource): void {
  const parentId = resource.id.split('/').slice(0, -2).join('/');
  if (!emulator.store.get(parentId))
    throw new Error(`cannot load resource ${resource.id}: its parent ${parentId} is not loaded before it`);
  // A deployment status is not a resource ARM serves: kept exactly as listDeploymentStatus answers it.
  if (resource.type.toLowerCase() === `${NETWORK_MANAGERS}/deploymentStatus`.toLowerCase()) {
    emulator.store.put(resource);
    return;
  }
  resource.etag ??= randomUUID();
  const p = props(resource);
  p.provisioningState ??= 'Succeeded';
  p.resourceGuid ??= randomUUID();
  emulator.store.put(resource);
}
