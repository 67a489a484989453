import fc from 'fast-check';
import { HttpRequest } from '@azure/functions';
import type { LocalStack } from '../../cli/localStack';
import { listRegisteredFunctions } from '../../devhost/functionRegistry';
import { invokeHttpFunction } from '../../devhost/invokeHttpFunction';
import type { ManagementApi } from '../../devhost/managementApi';
import openapi from '../../src/functions/http/openapi.json';
import type { ApiSchemaName } from '../../src/functions/http/validateBody';
import { schemaValidator } from '../../src/functions/http/validateBody';
import { migrationInstanceId, rollbackInstanceId } from '../../src/functions/http/runIds';
import type { MigratedFunctionsStack } from '../src/functions/eventGrid/eventGridKit';
import { startMigratedFunctionsStack } from '../src/functions/eventGrid/eventGridKit';
import { BASE } from '../src/functions/http/httpKit';
import { clip, FUZZ_SEED, OutcomeTable, withUnhandledCapture } from './fuzzKit';
import type { HttpCase } from './hostileRequests';
import { hostileRequests } from './hostileRequests';
// Registers the app's HTTP functions as the Functions worker would.
import '../../src/functions/httpApi';

const PER_CATEGORY = 50;
/** An error answer is a sentence and a field name, never an echo of a huge input. */
const MAX_ERROR_BYTES = 16 * 1024;

/** The request body each function takes, by function name (the OpenAPI operation ids). */
const BODY_SCHEMA: Record<string, ApiSchemaName | undefined> = {
  createPlan: 'PlanRequest',
  startMigration: 'MigrationRequest',
  approveMigration: 'Decision',
  rejectMigration: 'Decision',
  rollbackMigration: 'RollbackRequest',
};

interface Route {
  name: string;
  methods: string[];
  segments: string[];
}

/** The app's registered HTTP triggers, as the Functions host routes them. */
function registeredRoutes(): Route[] {
  return listRegisteredFunctions()
    .filter((f) => f.triggerType === 'httpTrigger')
    .map((f) => ({
      name: f.name,
      methods: (f.trigger.methods as string[]).map((m) => m.toUpperCase()),
      segments: (f.trigger.route as string).split('/'),
    }));
}

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * The host's routing: the URL is normalised (dot segments resolved) before matching, route values are
 * decoded (an encoded slash stays inside its value), and a method the function did not register never
 * reaches it (the host answers 404).
 */
function route(
  routes: Route[],
  method: string,
  url: URL,
): { route: Route; params: Record<string, string> } | undefined {
  const path = url.pathname.replace(/^\/api\//, '').split('/');
  for (const r of routes) {
    if (r.segments.length !== path.length || !r.methods.includes(method)) continue;
    const params: Record<string, string> = {};
    const fits = r.segments.every((s, i) => {
      const value = path[i] ?? '';
      if (s.startsWith('{')) {
        params[s.slice(1, -1)] = decoded(value);
        return value !== '';
      }
      return s.toLowerCase() === value.toLowerCase();
    });
    if (fits) return { route: r, params };
  }
  return undefined;
}

/** The first name in a target: `rollout.canaryVnetIds[0]` gives rollout, `["a.b"].c` gives a.b. */
function rootOf(target: string): string {
  const quoted = /^\[("(?:[^"\\]|\\.)*")\]/.exec(target);
  if (quoted) return JSON.parse(quoted[1]!) as string;
  return /^[^.[]*/.exec(target)?.[0] ?? target;
}

/**
 * What "names the field" means for the API's error shape `{ error: { code, message, target } }`: target is
 * set; the message says it; and it points at something the request has or the API defines: `id` on a route
 * with an id, a header the request carried, `(body)` when the body as a whole is at fault (not JSON, not an
 * object), a path whose first name is a key the body sent or a property its schema defines, or for a 409 the
 * run that stands in the way.
 */
function fieldProblem(
  c: HttpCase,
  r: Route,
  status: number,
  error: { code: string; message: string; target?: string },
  runIds: string[],
): string | undefined {
  const { target } = error;
  if (!target) return 'no error.target';
  if (target !== '(body)' && !error.message.includes(target))
    return `message does not mention target '${clip(target, 60)}'`;
  if (target === '(body)') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(c.body ?? '{}');
    } catch {
      return undefined;
    }
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? `(body) for ${error.code} although the body is a JSON object`
      : undefined;
  }
  if (target === 'id') return r.segments.includes('{id}') ? undefined : 'target id on a route without one';
  // A conflict names the run in the way: the state, not the request, is what stands against it.
  if (status === 409 && runIds.includes(target)) return undefined;
  if (Object.keys(c.headers).some((h) => h.toLowerCase() === target.toLowerCase())) return undefined;
  const schemaName = BODY_SCHEMA[r.name];
  const declared = schemaName
    ? Object.keys((openapi.components.schemas[schemaName] as { properties?: object }).properties ?? {})
    : [];
  let sent: string[] = [];
  try {
    const parsed = JSON.parse(c.body ?? '{}') as unknown;
    if (typeof parsed === 'object' && parsed !== null) sent = Object.keys(parsed);
  } catch {
    // not JSON: nothing was sent by name
  }
  const root = rootOf(target);
  return declared.includes(root) || sent.includes(root)
    ? undefined
    : `target '${clip(target, 60)}' names nothing in the request`;
}

describe('HTTP API fuzz: hostile requests against every registered route', () => {
  let stack: LocalStack;
  let api: ManagementApi;

  let fixture: MigratedFunctionsStack;
  beforeAll(async () => {
    // A migrated estate and a finished run, so hostile input meets real runs and resources.
    fixture = await startMigratedFunctionsStack(60);
    ({ stack, api } = fixture);
    stack.emulator.clearWriteLog();
  }, 120_000);
  afterAll(() => fixture.stop());

  it(`answers ${PER_CATEGORY} inputs per category with a 4xx naming the field, never a 5xx, and writes nothing for what it refuses`, async () => {
    const routes = registeredRoutes();
    // Every operation the OpenAPI document declares is a registered function, and nothing else is.
    const operations = Object.values(openapi.paths).flatMap((p) =>
      Object.values(p as Record<string, { operationId?: string }>).flatMap((op) =>
        op.operationId ? [op.operationId] : [],
      ),
    );
    expect(routes.map((r) => r.name).sort()).toEqual(operations.sort());
    const hub = stack.baseConfig.hubVnetId;
    const spokes = stack.emulator
      .dump()
      .filter((r) => r.type.toLowerCase() === 'microsoft.network/virtualnetworks' && r.id !== hub)
      .map((r) => r.id);
    const runIds = ['run-initial', migrationInstanceId(hub), rollbackInstanceId(hub), 'migration-00000000'];
    const generators = hostileRequests({
      subscriptionId: stack.baseConfig.scope.subscriptions[0]!,
      hubVnetId: hub,
      spokeVnetIds: spokes,
      runIds,
    });
    const cases = Object.values(generators).flatMap((arb, i) =>
      fc.sample(arb, { seed: FUZZ_SEED + i, numRuns: PER_CATEGORY }),
    );
    const table = new OutcomeTable();
    const instances = async (): Promise<string> =>
      JSON.stringify(
        (await stack.host.getStatusAll())
          .map((s) => [
            s.instanceId,
            s.runtimeStatus,
            (s.customStatus as { phase?: string } | undefined)?.phase,
          ])
          .sort(),
      );

    const { unhandled } = await withUnhandledCapture(async () => {
      for (const c of cases) {
        const url = new URL(`${BASE}/${c.path}`);
        const found = route(routes, c.method, url);
        if (!found) {
          table.record(c.category, 'host 404', 0);
          continue;
        }
        const started = performance.now();
        process.stderr.write(`case ${c.category} ${c.method} ${clip(c.path, 60)} ${clip(c.body, 60)}\n`);
        const writesBefore = stack.emulator.writeLog().length;
        const before = await instances();
        const request = new HttpRequest({
          method: c.method,
          url: url.toString(),
          headers: c.headers,
          params: found.params,
          ...(c.body === undefined ? {} : { body: { string: c.body } }),
        });
        let status: number;
        let text = '';
        try {
          const response = await invokeHttpFunction(found.route.name, request, {
            durableClient: api.clientData,
          });
          status = response.status;
          text = await response.text();
        } catch (error) {
          // The Functions host answers a handler's exception with a 500.
          status = 500;
          table.violation(
            c.category,
            `${found.route.name} threw ${clip(error instanceof Error ? error.message : error)}`,
            c,
          );
        }
        // Whatever the request started runs to its next wait before its writes are counted.
        await stack.host.whenIdle();
        const writes = stack.emulator.writeLog().length - writesBefore;
        table.record(c.category, String(status), writes, performance.now() - started);
        if (status >= 500 && text)
          table.violation(c.category, `${found.route.name} answered ${status} ${clip(text)}`, c);
        if (status < 400 || status >= 500) continue;
        if (writes > 0) table.violation(c.category, `${writes} ARM write(s) after a ${status}`, c);
        if ((await instances()) !== before)
          table.violation(c.category, `a ${status} started or changed a run`, c);
        if (text.length > MAX_ERROR_BYTES) table.violation(c.category, `a ${text.length}-byte error body`, c);
        const body = JSON.parse(text) as { error: { code: string; message: string; target?: string } };
        const validate = schemaValidator('Error');
        if (!validate(body))
          table.violation(c.category, `error body off the OpenAPI Error shape: ${clip(text)}`, c);
        const problem = fieldProblem(c, found.route, status, body.error, runIds);
        if (problem) table.violation(c.category, `${status} ${body.error.code}: ${problem}`, c);
      }
    });
    console.log(table.render(`HTTP fuzz (seed ${FUZZ_SEED}, ${cases.length} requests)`));
    expect(cases.length).toBeGreaterThanOrEqual(500);
    expect(unhandled).toEqual([]);
    expect(table.violations).toEqual([]);
    expect([...table.outcomes().keys()].filter((s) => Number(s) >= 500)).toEqual([]);
  }, 120_000);
});
