import type { ServerResponse } from 'node:http';
import type { HttpResponse } from '@azure/functions';

/** Writes a function's HttpResponse (status, headers, body) to the client. The app sets no cookies. */
export async function writeHttpResponse(response: ServerResponse, result: HttpResponse): Promise<void> {
  const body = Buffer.from(await result.arrayBuffer());
  response.writeHead(result.status, Object.fromEntries(result.headers));
  response.end(body);
}
