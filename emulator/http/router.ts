/**
 * Routing registry.
 *
 * A route is a method plus a path template: literal segments match
 * case-insensitively (ARM paths are), `{name}` captures one segment. Routes
 * come from handler modules, one per resource type (emulator/handlers/<type>.ts),
 * each exporting a `HandlerModule` (`{ routes: Route[] }`).
 *
 * To add an endpoint (Logs Ingestion, Microsoft.Insights/diagnosticSettings, ...)
 * write a handler module and either append it to `handlerModules` in
 * emulator/handlers/index.ts or call `registerHandlerModule()` before
 * `startEmulator()`; this file does not change. The server runs the shared
 * pipeline (auth, api-version, throttling, faults, RBAC on `action`) before
 * a route's `handle`, so a handler only deals with its own resource semantics.
 */
import type { OperationKind, WriteLogEntry } from '../EmulatorOptions';
import type { Emulator } from '../Emulator';
import type { FaultKind } from '../core/Faults';
import type { EmulatorRequest, EmulatorResponse } from './EmulatorRequest';

export type HttpMethod = 'GET' | 'PUT' | 'DELETE' | 'POST' | 'PATCH';

export interface RouteContext {
  emulator: Emulator;
  req: EmulatorRequest;
  params: Record<string, string>;
  /** A fault drawn for this request that the handler must act on ('lroFailed'). */
  fault?: FaultKind;
  /** The write-log entry of this request (writes only); handlers set `finishedAt` when the operation ends. */
  logEntry?: WriteLogEntry;
}

export interface Route {
  method: HttpMethod;
  path: string;
  /** Full resource type the request acts on, e.g. 'Microsoft.Network/virtualNetworks/subnets'. */
  resourceType: string;
  operation: OperationKind;
  /** Accepted api-versions; absent accepts any. */
  apiVersions?: readonly string[];
  /** false keeps a non-GET route out of the ARM write log (e.g. a Logs Ingestion upload: not an ARM write). */
  writeLog?: boolean;
  /** RBAC action checked on the request path before `handle`; absent means no check (operation status polls). */
  action?: string;
  handle(ctx: RouteContext): EmulatorResponse | Promise<EmulatorResponse>;
}

export interface HandlerModule {
  routes: Route[];
}

interface CompiledRoute {
  route: Route;
  segments: { literal?: string; param?: string }[];
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

const extraModules: HandlerModule[] = [];

/** Adds a handler module to every emulator started afterwards. */
export function registerHandlerModule(module: HandlerModule): void {
  extraModules.push(module);
}

export function registeredHandlerModules(): readonly HandlerModule[] {
  return extraModules;
}

export class Router {
  private readonly byLength = new Map<number, CompiledRoute[]>();

  constructor(modules: readonly HandlerModule[]) {
    for (const m of modules) for (const r of m.routes) this.add(r);
  }

  add(route: Route): void {
    const segments = route.path
      .split('/')
      .filter((s) => s.length > 0)
      .map((s) =>
        s.startsWith('{') && s.endsWith('}') ? { param: s.slice(1, -1) } : { literal: s.toLowerCase() },
      );
    const list = this.byLength.get(segments.length) ?? [];
    list.push({ route, segments });
    this.byLength.set(segments.length, list);
  }

  /** Routes matching the path whatever the method (to tell 405 from 404). */
  match(method: string, path: string): { found?: RouteMatch; pathKnown: boolean } {
    const parts = path.split('/').filter((s) => s.length > 0);
    let pathKnown = false;
    for (const c of this.byLength.get(parts.length) ?? []) {
      const params: Record<string, string> = {};
      const ok = c.segments.every((seg, i) => {
        const part = parts[i] ?? '';
        if (seg.param !== undefined) {
          params[seg.param] = decodeURIComponent(part);
          return true;
        }
        return part.toLowerCase() === seg.literal;
      });
      if (!ok) continue;
      pathKnown = true;
      if (c.route.method === method) return { found: { route: c.route, params }, pathKnown };
    }
    return { pathKnown };
  }
}
