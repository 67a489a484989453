import {
  anotherOperationInProgress,
  preconditionFailedEtagMismatch,
  preconditionFailedResourceExists,
} from '../../src/arm/errors/commonErrors';
import type { RouteContext } from '../http/router';
import { asyncOperationUrl } from './operationUrls';
import type { Target } from './resolveTarget';

/** If-Match / If-None-Match as ARM applies them: only the headers count, never an etag in the body. */
export function checkPreconditions(
  headers: Record<string, string | undefined>,
  currentEtag: string | undefined,
  exists: boolean,
  resourceId: string,
): void {
  const ifMatch = headers['if-match'];
  if (ifMatch !== undefined && ifMatch !== '*' && ifMatch !== currentEtag) {
    throw preconditionFailedEtagMismatch(
      ifMatch,
      currentEtag ?? '(none: the resource does not exist)',
      resourceId,
    );
  }
  if (ifMatch === '*' && !exists) {
    throw preconditionFailedEtagMismatch(ifMatch, '(none: the resource does not exist)', resourceId);
  }
  if (headers['if-none-match'] === '*' && exists) throw preconditionFailedResourceExists(resourceId);
}

/** What every write checks first: the caller's preconditions, then the lock a running operation holds. */
export function checkWritable(
  ctx: RouteContext,
  target: Target,
  currentEtag: unknown,
  exists: boolean,
): void {
  checkPreconditions(
    ctx.req.headers,
    typeof currentEtag === 'string' ? currentEtag : undefined,
    exists,
    target.id,
  );
  const busy = ctx.emulator.operations.inFlight(target.topId);
  if (busy)
    throw anotherOperationInProgress(target.id, asyncOperationUrl(ctx.emulator, busy, ctx.req.apiVersion));
}
