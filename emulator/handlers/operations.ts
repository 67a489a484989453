import { authorizationFailed, resourceNotFound } from '../../src/arm/errors/commonErrors';
import { isAllowed } from '../core/actionMatches';
import type { Operation } from '../core/Operations';
import type { HandlerModule, RouteContext } from '../http/router';
import { operationResultUrl, retryAfterSeconds } from './operationUrls';

const base = '/subscriptions/{subscriptionId}/providers/Microsoft.Network/locations/{location}';

/**
 * The operation a poll names. A poll reveals the resource's progress and errors, so it needs read on the resource
 * it belongs to, as a GET of the resource would: the route has no action of its own for dispatch to check.
 */
function find(ctx: RouteContext): Operation {
  const { emulator, req } = ctx;
  const op = emulator.operations.get(ctx.params.operationId ?? '');
  if (!op || op.subscriptionId.toLowerCase() !== (ctx.params.subscriptionId ?? '').toLowerCase()) {
    throw resourceNotFound(req.path);
  }
  const action = `${op.targetType}/read`;
  if (emulator.rbac && !isAllowed(emulator.rbac[req.principal.oid], action)) {
    throw authorizationFailed(req.principal.oid, action, op.targetId);
  }
  return op;
}

/** Operation status polled through Azure-AsyncOperation, and the Location form DELETE also returns. */
export const operationsHandler: HandlerModule = {
  routes: [
    {
      method: 'GET',
      path: `${base}/operations/{operationId}`,
      resourceType: 'Microsoft.Network/locations/operations',
      operation: 'read',
      handle: (ctx) => {
        const op = find(ctx);
        const origin = ctx.emulator.clock.now();
        const startedAt = new Date(Date.now() - (origin - op.startedAt)).toISOString();
        const body: Record<string, unknown> = {
          id: ctx.req.path,
          name: op.id,
          status: op.status,
          startTime: startedAt,
        };
        if (op.endedAt !== undefined)
          body.endTime = new Date(Date.now() - (origin - op.endedAt)).toISOString();
        if (op.error) body.error = op.error;
        const headers: Record<string, string> =
          op.status === 'InProgress' ? { 'Retry-After': retryAfterSeconds(ctx.emulator, op) } : {};
        return { status: 200, body, headers };
      },
    },
    {
      method: 'GET',
      path: `${base}/operationResults/{operationId}`,
      resourceType: 'Microsoft.Network/locations/operationResults',
      operation: 'read',
      handle: (ctx) => {
        const op = find(ctx);
        if (op.status === 'InProgress') {
          return {
            status: 202,
            headers: {
              Location: operationResultUrl(ctx.emulator, op, ctx.req.apiVersion),
              'Retry-After': retryAfterSeconds(ctx.emulator, op),
            },
          };
        }
        if (op.status === 'Failed') return { status: 500, body: { error: op.error } };
        return op.result === undefined ? { status: 204 } : { status: 200, body: op.result };
      },
    },
  ],
};
