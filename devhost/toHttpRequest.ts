import type { IncomingHttpHeaders } from 'node:http';
import { HttpRequest } from '@azure/functions';

/** The worker's HttpRequest for a request the host received: headers, query, route parameters and raw body. */
export function toHttpRequest(
  method: string,
  url: URL,
  headers: IncomingHttpHeaders,
  params: Record<string, string>,
  body: Buffer,
): HttpRequest {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] ??= value;
  return new HttpRequest({
    method,
    url: url.href,
    headers: flat,
    query,
    params,
    ...(body.length > 0 ? { body: { bytes: body } } : {}),
  });
}
