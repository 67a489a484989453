import type { PipelinePolicy } from '@azure/core-rest-pipeline';

export const preconditionsOnWritesPolicyName = 'dualstackPreconditionsOnWrites';

/**
 * The SDK copies `requestOptions.customHeaders` onto every request of a long-running operation,
 * polls and the final GET included. An If-Match meant for our PUT must not ride on those reads:
 * once the PUT lands the resource has a new etag and the final GET would carry a stale condition.
 */
export function preconditionsOnWritesPolicy(): PipelinePolicy {
  return {
    name: preconditionsOnWritesPolicyName,
    sendRequest(request, next) {
      if (request.method === 'GET' || request.method === 'HEAD') {
        request.headers.delete('If-Match');
        request.headers.delete('If-None-Match');
      }
      return next(request);
    },
  };
}
