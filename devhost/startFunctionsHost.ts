import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Timer } from '@azure/functions';
import { eventGridWebhook } from './eventGridWebhook';
import { FunctionKeys } from './FunctionKeys';
import type { RegisteredFunction } from './functionRegistry';
import { findRegisteredFunction, listRegisteredFunctions } from './functionRegistry';
import { MANAGEMENT_QUERY } from './instanceStatus';
import { invokeFunction } from './invokeFunction';
import { invokeHttpFunction } from './invokeHttpFunction';
import type { LocalDurableHost } from './LocalDurableHost';
import type { ManagementApi } from './managementApi';
import { handleManagementRequest, startManagementApi } from './managementApi';
import { matchRoute } from './matchRoute';
import type { TimerTriggerState } from './startTimerTriggers';
import { startTimerTriggers } from './startTimerTriggers';
import { toHttpRequest } from './toHttpRequest';
import { writeHttpResponse } from './writeHttpResponse';

export interface FunctionsHostOptions {
  host: LocalDurableHost;
  /** 0 (default) picks a free port; `func start` uses 7071. */
  port?: number;
  /** host.json's extensions.http.routePrefix; default 'api' */
  routePrefix?: string;
  keys?: FunctionKeys;
  /** one line per request, invocation and function log */
  log?: (line: string) => void;
}

export interface HttpRoute {
  readonly name: string;
  readonly methods: readonly string[];
  readonly authLevel: string;
  /** the route template under the origin, e.g. http://127.0.0.1:7071/api/migrations/{id} */
  readonly url: string;
}

export interface FunctionsHost {
  /** http://127.0.0.1:<port> */
  readonly origin: string;
  readonly port: number;
  readonly keys: FunctionKeys;
  readonly httpRoutes: readonly HttpRoute[];
  /** each Event Grid function's webhook URL, its system key included */
  readonly eventGridWebhooks: readonly { name: string; url: string }[];
  readonly timers: readonly TimerTriggerState[];
  /** the Durable Task webhook's instance list, system key included */
  readonly durableInstancesUrl: string;
  /** the management API the durable client binding talks to (loopback only, like the host's internal rpc port) */
  readonly rpc: ManagementApi;
  close(): Promise<void>;
}

type HttpFunction = RegisteredFunction & { route: string; methods: string[]; authLevel: string };

function httpFunctions(): HttpFunction[] {
  return listRegisteredFunctions()
    .filter((f) => f.triggerType === 'httpTrigger')
    .map((f) => ({
      ...f,
      route: typeof f.trigger.route === 'string' ? f.trigger.route : f.name,
      methods: ((f.trigger.methods as string[] | undefined) ?? ['GET', 'POST', 'PUT', 'DELETE', 'PATCH']).map(
        (m) => m.toUpperCase(),
      ),
      authLevel: typeof f.trigger.authLevel === 'string' ? f.trigger.authLevel : 'function',
    }));
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('error', reject);
    request.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

function reply(
  response: ServerResponse,
  status: number,
  body = '',
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, body ? { 'content-type': 'text/plain; charset=utf-8', ...headers } : headers);
  response.end(body);
}

/**
 * The Functions host's HTTP side for the app's registered functions, as `func start` serves it: each HTTP
 * trigger on its route under the prefix (methods and auth level as registered; a function key in
 * `x-functions-key` or `?code=`, 401 without it), the Durable Task webhooks the durable client's links point
 * at (system key `durabletask_extension`), the Event Grid webhook (system key `eventgrid_extension`), and
 * the timer triggers on their schedules. Orchestrations and activities run on `host`.
 */
export async function startFunctionsHost(options: FunctionsHostOptions): Promise<FunctionsHost> {
  const { host } = options;
  const keys = options.keys ?? new FunctionKeys();
  const prefix = (options.routePrefix ?? 'api').replace(/^\/|\/$/g, '');
  const log = options.log ?? (() => undefined);
  const functions = httpFunctions();
  let origin = '';
  let rpc: ManagementApi | undefined;
  const links = (): { origin: string; query: string } => ({
    origin,
    query: `${MANAGEMENT_QUERY}&code=${keys.systemKeys.durabletask_extension}`,
  });
  const invokeOptions = (name: string) => ({
    ...(rpc ? { durableClient: rpc.clientData } : {}),
    logHandler: (level: string, ...args: unknown[]) =>
      log(`[${name}] ${level === 'information' ? '' : `${level}: `}${args.map(String).join(' ')}`),
  });

  async function serveApi(request: IncomingMessage, response: ServerResponse, url: URL, path: string) {
    const method = request.method ?? 'GET';
    let params: Record<string, string> | undefined;
    const fn = functions.find((f) => f.methods.includes(method) && (params = matchRoute(f.route, path)));
    if (!fn || !params) return reply(response, 404);
    const allowed =
      fn.authLevel === 'anonymous' ||
      (fn.authLevel === 'function' && keys.allowsFunction(url, request.headers));
    if (!allowed) return reply(response, 401);
    const started = Date.now();
    const httpRequest = toHttpRequest(method, url, request.headers, params, await readBody(request));
    try {
      const result = await invokeHttpFunction(fn.name, httpRequest, invokeOptions(fn.name));
      await writeHttpResponse(response, result);
      log(`${method} ${url.pathname} -> ${result.status} ${fn.name} (${Date.now() - started} ms)`);
    } catch (error) {
      // The host answers an unhandled exception with an empty 500; the details go to the log only.
      log(
        `${method} ${url.pathname} -> 500 ${fn.name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      reply(response, 500);
    }
  }

  async function serveEventGrid(request: IncomingMessage, response: ServerResponse, url: URL) {
    if (!keys.allowsSystem('eventgrid_extension', url, request.headers)) return reply(response, 401);
    const name = url.searchParams.get('functionName') ?? '';
    const fn = name ? findRegisteredFunction(name, 'eventGridTrigger') : undefined;
    if (!fn) return reply(response, 404, `cannot find function: '${name}'`);
    const body = (await readBody(request)).toString('utf8');
    const answer = await eventGridWebhook(request.method ?? 'GET', request.headers, body, (event) =>
      invokeFunction(fn.name, 'eventGridTrigger', event, invokeOptions(fn.name)),
    );
    log(`${request.method ?? 'GET'} ${url.pathname} ${fn.name} -> ${answer.status}`);
    reply(response, answer.status, answer.body, answer.headers);
  }

  function route(request: IncomingMessage, response: ServerResponse): Promise<void> | void {
    // The durable client binding needs the management API, which starts right after the listener.
    if (!rpc) return reply(response, 503);
    const url = new URL(request.url ?? '/', origin);
    const lower = url.pathname.toLowerCase();
    if (lower.startsWith('/runtime/webhooks/durabletask/')) {
      if (!keys.allowsSystem('durabletask_extension', url, request.headers)) return reply(response, 401);
      return handleManagementRequest(host, request, response, links());
    }
    if (lower === '/runtime/webhooks/eventgrid') return serveEventGrid(request, response, url);
    if (lower.startsWith(`/${prefix}/`))
      return serveApi(request, response, url, url.pathname.slice(prefix.length + 2));
    if (lower === '/') return reply(response, 200, 'Your Functions app is up and running.');
    return reply(response, 404);
  }

  const server = createServer((request, response) => {
    void Promise.resolve(route(request, response)).catch((error: unknown) => {
      log(
        `${request.method ?? 'GET'} ${request.url ?? ''}: ${error instanceof Error ? error.message : String(error)}`,
      );
      if (!response.headersSent) reply(response, 500);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  const closeServer = (): Promise<void> =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      // Clients keep connections alive; end them so close() does not wait for their idle timeout.
      server.closeAllConnections();
    });
  try {
    rpc = await startManagementApi(host, { links: links() });
  } catch (error) {
    await closeServer();
    throw error;
  }
  const timerFunctions = listRegisteredFunctions().filter((f) => f.triggerType === 'timerTrigger');
  let timers;
  try {
    timers = startTimerTriggers(timerFunctions, (fn, timer: Timer) => {
      log(`timer ${fn.name} fired${timer.isPastDue ? ' (past due)' : ''}`);
      return invokeFunction(fn.name, 'timerTrigger', timer, invokeOptions(fn.name)).then(
        () => undefined,
        (error: unknown) =>
          log(`timer ${fn.name} failed: ${error instanceof Error ? error.message : String(error)}`),
      );
    });
  } catch (error) {
    await Promise.all([closeServer(), rpc.close()]);
    throw error;
  }
  const eventGridWebhooks = listRegisteredFunctions()
    .filter((f) => f.triggerType === 'eventGridTrigger')
    .map((f) => ({
      name: f.name,
      url: `${origin}/runtime/webhooks/EventGrid?functionName=${encodeURIComponent(f.name)}&code=${keys.systemKeys.eventgrid_extension}`,
    }));
  const managementRpc = rpc;
  return {
    origin,
    port,
    keys,
    httpRoutes: functions.map((f) => ({
      name: f.name,
      methods: f.methods,
      authLevel: f.authLevel,
      url: `${origin}/${prefix}/${f.route}`,
    })),
    eventGridWebhooks,
    timers: timers.timers,
    durableInstancesUrl: `${origin}/runtime/webhooks/durabletask/instances?${links().query}`,
    rpc: managementRpc,
    async close() {
      timers.stop();
      await Promise.all([closeServer(), managementRpc.close()]);
    },
  };
}
