import type { PipelinePolicy } from '@azure/core-rest-pipeline';

export const deferLongRetryAfterPolicyName = 'dualstackDeferLongRetryAfter';

/** Where a deferred wait travels on: classifyError reads it into `retryAfterMs`. */
export const DEFERRED_RETRY_AFTER_HEADER = 'x-dualstack-retry-after-ms';

/** A response's Retry-After in ms (the headers the SDK's throttling retry reads, in its order). */
export function retryAfterMsOf(headers: { get(name: string): string | undefined }): number | undefined {
  for (const [name, factor] of [
    [DEFERRED_RETRY_AFTER_HEADER, 1],
    ['retry-after-ms', 1],
    ['x-ms-retry-after-ms', 1],
    ['retry-after', 1000],
  ] as const) {
    const raw = headers.get(name);
    if (raw === undefined || raw.trim() === '') continue;
    const n = Number(raw);
    if (Number.isFinite(n)) return Math.max(0, n * factor);
    const at = Date.parse(raw);
    if (Number.isFinite(at)) return Math.max(0, at - Date.now());
  }
  return undefined;
}

/**
 * The SDK's throttling retry sleeps for whatever Retry-After says, uncapped: ARM can ask for a
 * minute or more, and an activity would sit out that wait twice. Placed inside the retry loop,
 * this hides a Retry-After longer than `maxInlineWaitMs` from the SDK (keeping it under
 * DEFERRED_RETRY_AFTER_HEADER), so the 429 surfaces at once, classified retryable with its
 * `retryAfterMs`, and the orchestration waits on a durable timer instead. Short waits stay
 * inline: riding over a blip is cheaper than a round trip through the orchestrator.
 */
export function deferLongRetryAfterPolicy(maxInlineWaitMs: number): PipelinePolicy {
  return {
    name: deferLongRetryAfterPolicyName,
    async sendRequest(request, next) {
      const response = await next(request);
      if (response.status !== 429 && response.status !== 503) return response;
      const wait = retryAfterMsOf(response.headers);
      if (wait === undefined || wait <= maxInlineWaitMs) return response;
      for (const h of ['retry-after', 'retry-after-ms', 'x-ms-retry-after-ms']) response.headers.delete(h);
      response.headers.set(DEFERRED_RETRY_AFTER_HEADER, String(Math.ceil(wait)));
      return response;
    },
  };
}
