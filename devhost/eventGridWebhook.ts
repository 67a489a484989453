import type { IncomingHttpHeaders } from 'node:http';

/** What a webhook answers: status, optional headers and body text. */
export interface WebhookReply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function parse(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

/** The validation code of a SubscriptionValidationEvent: an Event Grid array, or one CloudEvent (data double-encoded). */
function validationCode(payload: unknown): string | undefined {
  const first = (Array.isArray(payload) ? payload[0] : payload) as { data?: unknown } | undefined;
  const data = typeof first?.data === 'string' ? parse(first.data) : first?.data;
  const code = (data as { validationCode?: unknown } | undefined)?.validationCode;
  return typeof code === 'string' ? code : undefined;
}

/**
 * The Event Grid extension's webhook (`/runtime/webhooks/EventGrid?functionName=...`), as the Functions host
 * answers it: `aeg-event-type: SubscriptionValidation` gets `{"validationResponse": code}`; `Notification`
 * runs the function once per event (an object or an array) and answers 202, or 500 when an invocation
 * failed (Event Grid then redelivers); `Unsubscribe` 202; anything else 400. The CloudEvents abuse-protection
 * handshake (OPTIONS with WebHook-Request-Origin) is allowed.
 */
export async function eventGridWebhook(
  method: string,
  headers: IncomingHttpHeaders,
  body: string,
  invoke: (event: unknown) => Promise<unknown>,
): Promise<WebhookReply> {
  if (method === 'OPTIONS') {
    const origin = header(headers, 'webhook-request-origin');
    return origin
      ? { status: 200, headers: { 'WebHook-Allowed-Origin': origin, 'WebHook-Allowed-Rate': '*' } }
      : { status: 400, body: 'WebHook-Request-Origin header is missing' };
  }
  if (method !== 'POST') return { status: 405 };
  const kind = header(headers, 'aeg-event-type')?.toLowerCase();
  const payload = parse(body);
  if (kind === 'subscriptionvalidation') {
    const code = validationCode(payload);
    if (code === undefined) return { status: 400, body: 'no data.validationCode in the validation event' };
    return {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ validationResponse: code }),
    };
  }
  if (kind === 'notification') {
    if (typeof payload !== 'object' || payload === null)
      return { status: 400, body: 'the request content is not a JSON object or array' };
    const events = Array.isArray(payload) ? (payload as unknown[]) : [payload];
    const results = await Promise.allSettled(events.map(invoke));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) {
      const reason: unknown = failed.reason;
      return { status: 500, body: reason instanceof Error ? reason.message : String(reason) };
    }
    return { status: 202 };
  }
  return kind === 'unsubscribe' ? { status: 202 } : { status: 400 };
}
