import type { Route } from '../http/router';

/** A route whose RBAC action is `<type>/read|write|delete` (list needs read), for hand-written resource routes. */
export function typeRoute(
  apiVersions: readonly string[],
  method: Route['method'],
  path: string,
  type: string,
  operation: Route['operation'],
  handle: Route['handle'],
): Route {
  const verb = operation === 'list' ? 'read' : operation;
  return { apiVersions, method, path, resourceType: type, operation, action: `${type}/${verb}`, handle };
}
