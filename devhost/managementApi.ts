import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpManagementPayload } from 'durable-functions';
import { isTerminal, MANAGEMENT_QUERY, managementPayload } from './instanceStatus';
import type { LocalDurableHost } from './LocalDurableHost';

/** The durable client binding's data as the extension hands it to `df.getClient(context)`. */
export interface DurableClientInputData {
  taskHubName: string;
  creationUrls: { createNewInstancePostUri: string; createAndWaitOnNewInstancePostUri: string };
  managementUrls: HttpManagementPayload;
  baseUrl: string;
  requiredQueryStringParameters: string;
  rpcBaseUrl: string;
}

/** Where the management links the API hands out point: an origin and the query each link carries. */
export interface ManagementLinks {
  readonly origin: string;
  readonly query: string;
}

export interface ManagementApiOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /**
   * Root of the links handed out (check-status payloads, the client's management URLs). Default: this
   * server with no key. A Functions host that serves the public webhook paths itself, behind a system key,
   * passes its own origin and a query carrying the key, and keeps this server as the internal rpc endpoint.
   */
  links?: ManagementLinks;
}

export interface ManagementApi {
  /** `http://127.0.0.1:<port>`: management links rooted here resolve against this server. */
  readonly origin: string;
  /** What `df.getClient(context)` needs for a `df.DurableClient` that talks to the local host. */
  readonly clientData: DurableClientInputData;
  close(): Promise<void>;
}

type Reply = { status: number; body?: unknown };

const PREFIXES = ['/durabletask/', '/runtime/webhooks/durabletask/'];

function readBody(request: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('error', reject);
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolve(text.length === 0 ? undefined : (JSON.parse(text) as unknown));
      } catch {
        reject(new SyntaxError('the request body is not valid JSON'));
      }
    });
  });
}

function statusJson(status: Awaited<ReturnType<LocalDurableHost['getStatus']>>): Record<string, unknown> {
  return {
    ...status,
    createdTime: status.createdTime.toISOString(),
    lastUpdatedTime: status.lastUpdatedTime.toISOString(),
  };
}

async function exists(host: LocalDurableHost, instanceId: string): Promise<boolean> {
  return (await host.getStatusAll()).some((s) => s.instanceId === instanceId);
}

/**
 * Routes the extension's management API (the rpc endpoints `df.DurableClient` calls, and the public webhook
 * paths of the check-status links) to the local host.
 */
async function route(
  host: LocalDurableHost,
  request: IncomingMessage,
  url: URL,
  links: ManagementLinks,
): Promise<Reply> {
  const prefix = PREFIXES.find((p) => url.pathname.startsWith(p));
  const parts = (prefix ? url.pathname.slice(prefix.length) : '')
    .split('/')
    .filter(Boolean)
    .map(decodeURIComponent);
  const [collection, id, verb, eventName] = parts;
  const method = request.method ?? 'GET';
  if (collection === 'orchestrators' && id && method === 'POST') {
    const instanceId = await host.startNew(id, { instanceId: verb, input: await readBody(request) });
    return { status: 202, body: managementPayload(links.origin, instanceId, links.query) };
  }
  if (collection !== 'instances') {
    return { status: 404, body: { message: `no route for ${method} ${url.pathname}` } };
  }
  if (!id) {
    return { status: 200, body: (await host.getStatusAll()).map(statusJson) };
  }
  if (!(await exists(host, id))) {
    return { status: 404, body: { message: `No instance with ID '${id}' found.` } };
  }
  if (method === 'GET' && !verb) {
    const status = await host.getStatus(id, {
      showHistory: url.searchParams.get('showHistory') === 'true',
      showInput: url.searchParams.get('showInput') !== 'false',
    });
    return { status: isTerminal(status.runtimeStatus) ? 200 : 202, body: statusJson(status) };
  }
  if (method === 'DELETE' && !verb) {
    return { status: 200, body: await host.purgeInstanceHistory(id) };
  }
  const running = !isTerminal((await host.getStatus(id)).runtimeStatus);
  if (method === 'POST' && verb === 'raiseEvent' && eventName) {
    await host.raiseEvent(id, eventName, await readBody(request));
    return { status: running ? 202 : 410 };
  }
  if (method === 'POST' && verb === 'terminate') {
    await host.terminate(id, url.searchParams.get('reason') ?? '');
    return { status: running ? 202 : 410 };
  }
  return { status: 404, body: { message: `no route for ${method} ${url.pathname}` } };
}

function send(response: ServerResponse, reply: Reply): void {
  const text = reply.body === undefined ? '' : JSON.stringify(reply.body);
  response.writeHead(reply.status, { 'Content-Type': 'application/json' });
  response.end(text);
}

function statusOfError(error: Error): number {
  if (/already exists/.test(error.message)) return 409;
  if (
    error instanceof TypeError ||
    error instanceof SyntaxError ||
    /no orchestration named/.test(error.message)
  ) {
    return 400;
  }
  return 500;
}

/** Answers one request to the management API (rpc or public webhook path); replies' links are rooted at `links`. */
export function handleManagementRequest(
  host: LocalDurableHost,
  request: IncomingMessage,
  response: ServerResponse,
  links: ManagementLinks,
): void {
  const url = new URL(request.url ?? '/', links.origin);
  route(host, request, url, links).then(
    (reply) => send(response, reply),
    (error: Error) => send(response, { status: statusOfError(error), body: { message: error.message } }),
  );
}

/**
 * Serves the Durable extension's management API on loopback for `host`, so that `df.getClient(context)` (given
 * `clientData`, see invokeHttpFunction) yields a real `df.DurableClient` that drives the local host.
 */
export async function startManagementApi(
  host: LocalDurableHost,
  options: ManagementApiOptions = {},
): Promise<ManagementApi> {
  let links: ManagementLinks = { origin: '', query: MANAGEMENT_QUERY };
  const server = createServer((request, response) => handleManagementRequest(host, request, response, links));
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  links = options.links ?? { origin, query: MANAGEMENT_QUERY };
  const { query } = links;
  const webhooks = `${links.origin}/runtime/webhooks/durabletask`;
  const clientData: DurableClientInputData = {
    taskHubName: 'local',
    creationUrls: {
      createNewInstancePostUri: `${webhooks}/orchestrators/{functionName}[/{instanceId}]?${query}`,
      createAndWaitOnNewInstancePostUri: `${webhooks}/orchestrators/{functionName}[/{instanceId}]?timeout={timeoutInSeconds}&pollingInterval={intervalInSeconds}&${query}`,
    },
    managementUrls: managementPayload(links.origin, 'INSTANCEID', query),
    baseUrl: webhooks,
    requiredQueryStringParameters: query,
    rpcBaseUrl: `${origin}/durabletask/`,
  };
  return {
    origin,
    clientData,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Clients keep connections alive; end them so close() does not wait for their idle timeout.
        server.closeAllConnections();
      }),
  };
}
