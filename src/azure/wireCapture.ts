import type { FullOperationResponse, RawResponseCallback } from '@azure/core-client';

export interface WireCapture {
  /** pass as the operation's `onResponse` option */
  onResponse: RawResponseCallback;
  /** every successful response body of the operation, parsed from its own text, in arrival order */
  readonly bodies: unknown[];
}

/**
 * Keeps the JSON exactly as ARM sent it. The SDK hands back deserialised models (flattened, with
 * generated defaults filled in); the planner and the tests work on the wire shape, and reading it
 * from the response text is exact by construction. `onResponse` fires once per operation
 * response (every page of a list, every poll of a long-running operation), after the SDK's own
 * retries, and also for failures, which are skipped here.
 */
export function wireCapture(): WireCapture {
  const bodies: unknown[] = [];
  return {
    bodies,
    onResponse: (raw: FullOperationResponse, _flat: unknown, error?: unknown) => {
      if (error !== undefined || raw.status < 200 || raw.status >= 300 || !raw.bodyAsText) return;
      bodies.push(JSON.parse(raw.bodyAsText) as unknown);
    },
  };
}
