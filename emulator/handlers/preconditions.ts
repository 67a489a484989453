import {
  preconditionFailedEtagMismatch,
  preconditionFailedResourceExists,
} from '../../src/arm/errors/commonErrors';

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
