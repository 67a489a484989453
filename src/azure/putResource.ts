import type { ArmResource } from '../arm/ArmResource';
import { sameId } from '../arm/resourceId';
import { classifyError } from './classifyError';
import { getResource } from './getResource';
import { subscriptionClients, type NetworkClients } from './networkClient';
import { resolveNetworkResource, type WriteOperationOptions } from './networkResourceTypes';
import { toSdkModel } from './wireModel';
import { wireCapture } from './wireCapture';

export interface PutResourceOptions {
  /** Sent as If-Match on the PUT (never on the LRO's polls): a stale etag fails with 412 'PreconditionFailed'. */
  ifMatch?: string;
  /** Sent as If-None-Match: '*' (create only): a resource created meanwhile fails with 412 'PreconditionFailed'. */
  ifNoneMatch?: '*';
  /** virtualNetworkPeerings only: PUT with syncRemoteAddressSpace=true (a plan's 'peeringSync' steps). */
  syncRemoteAddressSpace?: boolean;
  /** Poll interval of the long-running operation; tests pass a few ms instead of sleeping. */
  updateIntervalInMs?: number;
  abortSignal?: AbortSignal;
}

/** If-Match / If-None-Match as request headers: every SDK sends them the same way. */
export function preconditionHeaders(options: {
  ifMatch?: string;
  ifNoneMatch?: '*';
}): Pick<WriteOperationOptions, 'requestOptions'> {
  const headers: Record<string, string> = {};
  if (options.ifMatch) headers['If-Match'] = options.ifMatch;
  if (options.ifNoneMatch) headers['If-None-Match'] = options.ifNoneMatch;
  return Object.keys(headers).length > 0 ? { requestOptions: { customHeaders: headers } } : {};
}

/**
 * PUTs a full resource body (wire JSON, e.g. a PlanStep's `desired`) through the typed SDK
 * operation for its type and waits for the long-running operation. Returns the resource as ARM
 * returns it afterwards (new etag, provisioningState). Bad input is a TypeError naming the field;
 * every service or network failure is a classified DualstackError.
 */
export async function putResource(
  clients: NetworkClients,
  body: ArmResource,
  options: PutResourceOptions = {},
): Promise<ArmResource> {
  if (!body || typeof body !== 'object') throw new TypeError('body: a resource body (wire JSON) is required');
  const target = resolveNetworkResource(body.id, 'body.id');
  if (body.type !== undefined && body.type.toLowerCase() !== target.type.toLowerCase()) {
    throw new TypeError(
      `body.type: '${body.type}' does not match the type of body.id '${body.id}' (${target.type})`,
    );
  }
  const put = target.ops.put;
  if (!put)
    throw new TypeError(`body.id: '${body.id}' is a ${target.type}, which the access layer never writes`);
  if (options.syncRemoteAddressSpace && target.ops.model !== 'VirtualNetworkPeering') {
    throw new TypeError(
      `options.syncRemoteAddressSpace: only a virtual network peering can be synced, not ${body.id}`,
    );
  }
  if (options.ifMatch !== undefined && !options.ifMatch) {
    throw new TypeError(`options.ifMatch: empty etag for ${body.id}`);
  }

  const model = target.ops.toModel ? target.ops.toModel(body) : toSdkModel(target.ops.model, body);
  const capture = wireCapture();
  const operationOptions: WriteOperationOptions = {
    abortSignal: options.abortSignal,
    onResponse: capture.onResponse,
    ...(options.updateIntervalInMs !== undefined ? { updateIntervalInMs: options.updateIntervalInMs } : {}),
    ...preconditionHeaders(options),
    ...(options.syncRemoteAddressSpace ? { syncRemoteAddressSpace: 'true' as const } : {}),
  };
  try {
    await put(
      subscriptionClients(clients, target.subscriptionId),
      target.resourceGroup,
      target.names,
      model,
      operationOptions,
    );
  } catch (e) {
    throw classifyError(e, { resourceId: body.id });
  }
  // The last response that is the resource itself: the LRO's final GET, or the PUT's own answer
  // when it completed at once (operation-status bodies in between carry an operation id).
  const final = [...capture.bodies]
    .reverse()
    .find((b) => sameId((b as ArmResource | undefined)?.id, body.id));
  return (
    (final as ArmResource | undefined) ?? getResource(clients, body.id, { abortSignal: options.abortSignal })
  );
}
