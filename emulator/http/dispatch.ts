import { randomUUID } from 'node:crypto';
import { ArmError } from '../../src/arm/errors/ArmError';
import {
  authenticationMissing,
  authorizationFailed,
  internalServerError,
  invalidAuthenticationToken,
  invalidRequestContent,
  invalidResourceType,
  methodNotAllowed,
  missingApiVersion,
  serviceUnavailable,
  tooManyRequests,
  unsupportedApiVersion,
} from '../../src/arm/errors/commonErrors';
import type { Emulator } from '../Emulator';
import type { WriteLogEntry } from '../EmulatorOptions';
import { isAllowed } from '../core/actionMatches';
import type { ThrottleClass } from '../core/Throttle';
import { handleControl } from '../control';
import { decodeEmulatorToken } from '../emulatorCredential';
import type { EmulatorRequest, EmulatorResponse, Principal } from './EmulatorRequest';
import { errorResponse } from './EmulatorRequest';
import type { RouteContext } from './router';

export const CONTROL_PREFIX = '/__emulator/';

export interface RawRequest {
  method: string;
  url: string;
  headers: Record<string, string | undefined>;
  bodyText: string;
}

/** 'drop' asks the server to destroy the socket (the 'drop' fault). */
export type DispatchResult = EmulatorResponse | 'drop';

function principalOf(headers: Record<string, string | undefined>): Principal {
  const auth = headers.authorization;
  const m = auth ? /^Bearer\s+(.+)$/i.exec(auth) : null;
  if (!m?.[1]) throw authenticationMissing();
  const decoded = decodeEmulatorToken(m[1]);
  if (!decoded) throw invalidAuthenticationToken();
  const payload = m[1].split('.')[1] ?? '';
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  return { oid: decoded.oid, tid: decoded.tid, claims };
}

function throttleClass(method: string): ThrottleClass {
  if (method === 'GET' || method === 'HEAD') return 'reads';
  return method === 'DELETE' ? 'deletes' : 'writes';
}

function parseBody(text: string): unknown {
  if (text.trim().length === 0) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw invalidRequestContent(
      `The request content was invalid and could not be deserialized: ${(e as Error).message}`,
    );
  }
}

/**
 * The shared pipeline in front of every route, in ARM's order: authentication,
 * api-version, routing, throttling, faults, RBAC, then the handler. Errors
 * become ARM envelopes; headers every ARM answer carries are added here.
 */
export async function dispatch(emulator: Emulator, raw: RawRequest): Promise<DispatchResult> {
  const url = new URL(raw.url, emulator.baseUrl);
  const path = url.pathname;
  const method = raw.method.toUpperCase();
  if (path.startsWith(CONTROL_PREFIX)) {
    try {
      return handleControl(emulator, method, path, parseBody(raw.bodyText));
    } catch (e) {
      return errorResponse(e instanceof ArmError ? e : internalServerError());
    }
  }
  const correlationId = raw.headers['x-ms-correlation-request-id'] ?? randomUUID();
  const baseHeaders: Record<string, string> = {
    'x-ms-request-id': randomUUID(),
    'x-ms-correlation-request-id': correlationId,
  };
  let logEntry: WriteLogEntry | undefined;
  const finish = (response: EmulatorResponse): EmulatorResponse => {
    if (logEntry) {
      logEntry.status = response.status;
      // A refused write ends here; an accepted one ends with its operation.
      if (response.status >= 300) logEntry.finishedAt = emulator.clock.now();
    }
    return { ...response, headers: { ...baseHeaders, ...response.headers } };
  };
  try {
    const principal = principalOf(raw.headers);
    const apiVersion = url.searchParams.get('api-version');
    if (!apiVersion) throw missingApiVersion();
    const { found, pathKnown } = emulator.router.match(method, path);
    if (!found) throw pathKnown ? methodNotAllowed(method, path) : invalidResourceType(path);
    const { route, params } = found;
    if (route.apiVersions && !route.apiVersions.includes(apiVersion)) {
      throw unsupportedApiVersion(apiVersion, route.resourceType, route.apiVersions);
    }
    const req: EmulatorRequest = {
      method,
      path,
      query: url.searchParams,
      headers: raw.headers,
      body: parseBody(raw.bodyText),
      principal,
      correlationId,
      baseUrl: emulator.baseUrl,
      apiVersion,
    };
    if (method !== 'GET' && method !== 'HEAD' && route.writeLog !== false) {
      logEntry = emulator.logWrite({
        method: method as WriteLogEntry['method'],
        resourceId: decodeURIComponent(path),
        startedAt: emulator.clock.now(),
        status: 0,
        principalId: principal.oid,
      });
    }
    const throttled = emulator.throttle.check(
      params.subscriptionId ?? '',
      principal.oid,
      throttleClass(method),
      route.resourceType.toLowerCase().startsWith('microsoft.network/'),
    );
    Object.assign(baseHeaders, throttled.headers);
    if (throttled.error) throw throttled.error;
    const fault = emulator.faults.draw(route.operation, route.resourceType);
    if (fault === 'drop') {
      if (logEntry) logEntry.finishedAt = emulator.clock.now();
      return 'drop';
    }
    if (fault === 'http500') throw internalServerError();
    // An injected fault's Retry-After (1 s of Azure's time) is scaled as the throttle's is.
    const scaledSecond =
      emulator.timeScale > 0 && emulator.timeScale < 1 ? Math.ceil(1000 * emulator.timeScale) : undefined;
    if (fault === 'http503') throw serviceUnavailable(scaledSecond);
    if (fault === 'http429')
      throw tooManyRequests(1, `subscription ${params.subscriptionId ?? ''} (injected fault)`, scaledSecond);
    if (route.action && emulator.rbac && !isAllowed(emulator.rbac[principal.oid], route.action)) {
      throw authorizationFailed(principal.oid, route.action, decodeURIComponent(path));
    }
    const ctx: RouteContext = {
      emulator,
      req,
      params,
      ...(fault ? { fault } : {}),
      ...(logEntry ? { logEntry } : {}),
    };
    return finish(await route.handle(ctx));
  } catch (e) {
    if (e instanceof ArmError) return finish(errorResponse(e));
    process.stderr.write(
      `emulator: unexpected error on ${method} ${path}: ${(e as Error).stack ?? String(e)}\n`,
    );
    return finish(errorResponse(internalServerError()));
  }
}
