import { referenceTopology } from '../../../../estates/referenceTopology';
import type { LocalStack } from '../../../../cli/localStack';
import { startLocalStack } from '../../../../cli/localStack';
import type { ApiDeps } from '../../../../src/functions/http/ApiDeps';
import { apiDepsFor } from '../../../../src/functions/http/apiDepsFor';
import { createPlan } from '../../../../src/functions/http/createPlan';
import { getMigration } from '../../../../src/functions/http/getMigration';
import { getMigrationReport } from '../../../../src/functions/http/getMigrationReport';
import {
  approveMigration,
  rejectMigration,
  terminateMigration,
} from '../../../../src/functions/http/runControl';
import { startMigration } from '../../../../src/functions/http/startMigration';
import type { MigrationResult } from '../../../../src/orchestrations/migrateEstate';
import { apiRequest, expectShape, startApiStack } from './httpKit';

const request = (
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
  params: Record<string, string> = {},
) => apiRequest(method, path, { body, headers, params });

describe('HTTP API against the local stack (real HttpRequest objects, OpenAPI-checked responses)', () => {
  let stack: LocalStack;
  let deps: ApiDeps;
  beforeAll(async () => {
    ({ stack, deps } = await startApiStack());
  });
  afterAll(() => stack.stop());

  it('POST /plans returns the plan as JSON or Markdown and writes nothing', async () => {
    const plan = expectShape(await createPlan(request('POST', '/plans'), deps), 200, 'Plan');
    expect(plan.steps.length).toBeGreaterThan(0);
    const md = await createPlan(request('POST', '/plans', undefined, { accept: 'text/markdown' }), deps);
    expect(md.status).toBe(200);
    expect(md.body as string).toContain('vnet-hub');
    expect(stack.emulator.writeLog()).toEqual([]);
  });

  it.each([
    [{ rollout: { maxParallelSpokes: 0 } }, 'rollout.maxParallelSpokes'],
    [{ rollout: { maxParallelWrites: 1 } }, 'rollout.maxParallelWrites'],
    [{ dryrun: true }, 'dryrun'],
    [{ spokes: ['not-an-id'] }, 'spokes[0]'],
    ['{"approval": ', '(body)'],
  ])('POST /migrations refuses %j naming %s, and starts nothing', async (body, field) => {
    const res = await startMigration(request('POST', '/migrations', body), deps);
    expect(expectShape(res, 400, 'Error').error.target).toBe(field);
    await expect(stack.host.getStatusAll()).resolves.toEqual([]);
  });

  it('answers 400 for a spoke outside the scope and 404 for one that does not exist', async () => {
    const foreign =
      '/subscriptions/99999999-0000-4000-8000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/x';
    const out = await startMigration(request('POST', '/migrations', { spokes: [foreign] }), deps);
    expect(expectShape(out, 400, 'Error').error.target).toBe('spokes[0]');
    const sub = stack.baseConfig.scope.subscriptions[0]!;
    const missing = `/subscriptions/${sub}/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-nope`;
    const res = await startMigration(request('POST', '/migrations', { spokes: [missing] }), deps);
    expect(expectShape(res, 404, 'Error').error.target).toBe('spokes[0]');
    expect(stack.emulator.writeLog()).toEqual([]);
  });

  it('names the canary at fault: one that does not exist, or one the run does not migrate', async () => {
    const sub = stack.baseConfig.scope.subscriptions[0]!;
    const spoke = (name: string): string =>
      `/subscriptions/${sub}/resourceGroups/rg-${name}/providers/Microsoft.Network/virtualNetworks/vnet-${name}`;
    const missing = await startMigration(
      request('POST', '/migrations', { rollout: { canaryVnetIds: [spoke('spoke-prod-1'), spoke('nope')] } }),
      deps,
    );
    expect(expectShape(missing, 404, 'Error').error.target).toBe('rollout.canaryVnetIds[1]');
    const outside = await startMigration(
      request('POST', '/migrations', {
        spokes: [spoke('spoke-prod-1')],
        rollout: { canaryVnetIds: [spoke('spoke-prod-2')] },
      }),
      deps,
    );
    const error = expectShape(outside, 400, 'Error').error;
    expect(error).toMatchObject({ code: 'CanaryNotInRun', target: 'rollout.canaryVnetIds[0]' });
    const malformed = await startMigration(
      request('POST', '/migrations', { rollout: { canaryVnetIds: ['vnet-spoke-prod-1'] } }),
      deps,
    );
    expect(expectShape(malformed, 400, 'Error').error.message).toMatch(/canaryVnetIds/);
    expect(stack.emulator.writeLog()).toEqual([]);
  });

  it('starts, refuses a second run, shows progress, approves, finishes; then approve is a 409 and the report is ready', async () => {
    const started = expectShape(
      await startMigration(request('POST', '/migrations', {}), deps),
      202,
      'RunLinks',
    );
    const again = await startMigration(request('POST', '/migrations', {}), deps);
    expect(expectShape(again, 409, 'Error').error.code).toBe('MigrationInProgress');
    const id: string = started.id;
    let status: Record<string, any> = {};
    for (let i = 0; i < 300 && status.phase !== 'awaitingApproval'; i++) {
      status = expectShape(
        await getMigration(request('GET', `/migrations/${id}`, undefined, {}, { id }), deps),
        200,
        'RunStatus',
      );
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(status.phase).toBe('awaitingApproval');
    expect(status.vnets).toHaveLength(5);
    const early = await getMigrationReport(
      request('GET', `/migrations/${id}/report`, undefined, {}, { id }),
      deps,
    );
    expect(expectShape(early, 409, 'Error').error).toMatchObject({ code: 'RunNotFinished', target: 'id' });
    expectShape(
      await approveMigration(
        request('POST', `/migrations/${id}/approve`, { comment: 'ok' }, {}, { id }),
        deps,
      ),
      202,
      'Accepted',
    );
    const done = await stack.host.waitForCompletion(id, { timeoutInMilliseconds: 60_000 });
    expect((done.output as MigrationResult).outcome).toBe('succeeded');
    const final = expectShape(
      await getMigration(request('GET', `/migrations/${id}`, undefined, {}, { id }), deps),
      200,
      'RunStatus',
    );
    expect(final.runtimeStatus).toBe('Completed');
    expect(final.vnets.every((v: { state: string }) => v.state === 'succeeded')).toBe(true);
    const late = await approveMigration(request('POST', `/migrations/${id}/approve`, {}, {}, { id }), deps);
    expect(expectShape(late, 409, 'Error').error.code).toBe('RunNotActive');
    const writes = stack.emulator.writeLog().length;
    const report = await getMigrationReport(
      request('GET', `/migrations/${id}/report`, undefined, {}, { id }),
      deps,
    );
    expect(report.status).toBe(200);
    expect(report.headers).toMatchObject({ 'content-type': 'text/html; charset=utf-8' });
    const page = report.body as string;
    expect(page).toMatch(/^<!doctype html>/);
    expect(page.match(/<g class="node dualStack"/g)).toHaveLength(5);
    expect(page.match(/<tr class="dualStack" data-vnet="vnet-[a-z0-9-]+"/g)).toHaveLength(5);
    expect(page).toContain('Migration succeeded');
    expect(page).toContain('Re-planning finds 0 step(s) left.');
    expect(stack.emulator.writeLog()).toHaveLength(writes);
  });

  it('answers 404 for unknown runs and 400 for malformed ids', async () => {
    for (const handler of [getMigration, getMigrationReport, terminateMigration, rejectMigration]) {
      const res = await handler(request('POST', '/migrations/nope', undefined, {}, { id: 'nope' }), deps);
      expect(expectShape(res, 404, 'Error').error.target).toBe('id');
    }
    const bad = await getMigration(request('GET', '/migrations/..', undefined, {}, { id: '../x' }), deps);
    expect(expectShape(bad, 400, 'Error').error.target).toBe('id');
  });
});

describe('GET /api/migrations/{id} while spokes write their address space', () => {
  let stack: LocalStack;
  let deps: ApiDeps;
  beforeAll(async () => {
    // VNet writes take a second, so a spoke is caught in its first part (address space only).
    stack = await startLocalStack({
      topology: referenceTopology(),
      emulator: { timeScale: 0.01, latencyMs: { 'microsoft.network/virtualnetworks': 100_000 } },
      host: { timeScale: 100 },
    });
    deps = apiDepsFor(stack.host, stack.services, {
      ...stack.baseConfig,
      approval: { required: false, timeoutMinutes: 60 },
      rollout: { maxParallelSpokes: 4, canarySpokes: 0, abortAfterFailures: 4 },
    });
  });
  afterAll(() => stack.stop());

  it("shows the running spoke's live step from its address-space part", async () => {
    const started = expectShape(
      await startMigration(request('POST', '/migrations', {}), deps),
      202,
      'RunLinks',
    );
    const id: string = started.id;
    type Vnet = { role: string; state: string; currentSteps?: string[] };
    let live: Vnet | undefined;
    for (let i = 0; i < 1000 && !live; i++) {
      const status = expectShape(
        await getMigration(request('GET', `/migrations/${id}`, undefined, {}, { id }), deps),
        200,
        'RunStatus',
      );
      live = (status.vnets as Vnet[] | undefined)?.find(
        (v) => v.role === 'spoke' && v.state === 'running' && (v.currentSteps ?? []).length > 0,
      );
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(live?.currentSteps).toEqual([
      expect.stringMatching(/^virtualNetwork:.*\/virtualnetworks\/vnet-spoke-/),
    ]);
    const done = await stack.host.waitForCompletion(id, { timeoutInMilliseconds: 60_000 });
    expect((done.output as MigrationResult).outcome).toBe('succeeded');
  }, 90_000);
});
