import type { ArmResource } from '../../../../src/arm/ArmResource';
import { referenceTopology } from '../../../../estates/referenceTopology';
import type { LocalStack } from '../../../../cli/localStack';
import { startLocalStack } from '../../../../cli/localStack';
import type { ApiDeps } from '../../../../src/functions/http/ApiDeps';
import { apiDepsFor } from '../../../../src/functions/http/apiDepsFor';
import { createPlan } from '../../../../src/functions/http/createPlan';
import { getMigration } from '../../../../src/functions/http/getMigration';
import { approveMigration } from '../../../../src/functions/http/runControl';
import { rollbackMigration } from '../../../../src/functions/http/rollbackMigration';
import { startMigration } from '../../../../src/functions/http/startMigration';
import { DUAL_STACK_CHANGES_SCHEMA } from '../../../../src/monitor/dualStackChangesSchema';
import type { MigrationResult } from '../../../../src/orchestrations/migrateEstate';
import { ipv4Differences } from '../../../../src/planner/ipv4Fingerprint';
import { planEstate } from '../../../../src/activities/planNetwork';
import { apiRequest, expectShape } from './httpKit';

const request = (method: string, path: string, body?: unknown, params: Record<string, string> = {}) =>
  apiRequest(method, path, { body, params });

/** Every IPv6 text in a resource: prefixes, addresses, versions. */
function ipv6In(r: ArmResource): string[] {
  return JSON.stringify(r.properties ?? {}).match(/"[0-9a-f]{1,4}:[0-9a-f:]*(\/\d+)?"|"IPv6"/gi) ?? [];
}

describe('rolling a migration back over the HTTP API (reference estate, emulator, Azurite)', () => {
  let stack: LocalStack;
  let deps: ApiDeps;
  let before: ArmResource[];
  let migrationId: string;
  beforeAll(async () => {
    stack = await startLocalStack({ topology: referenceTopology(), emulator: { timeScale: 0 } });
    deps = apiDepsFor(stack.host, stack.services, {
      ...stack.baseConfig,
      approval: { required: true, timeoutMinutes: 60 },
    });
    before = stack.emulator.dump();
    const started = await startMigration(
      request('POST', '/migrations', { approval: { required: false } }),
      deps,
    );
    migrationId = expectShape(started, 202, 'RunLinks').id as string;
    const done = await stack.host.waitForCompletion(migrationId, { timeoutInMilliseconds: 120_000 });
    expect((done.output as MigrationResult).outcome).toBe('succeeded');
  }, 180_000);
  afterAll(() => stack.stop());

  it('refuses a run that does not exist, a VNet the run did not touch, and a malformed body, writing nothing', async () => {
    stack.emulator.clearWriteLog();
    const missing = await rollbackMigration(
      request('POST', '/migrations/nope/rollback', undefined, { id: 'migration-nope' }),
      deps,
    );
    expect(expectShape(missing, 404, 'Error').error.code).toBe('RunNotFound');
    const sub = stack.baseConfig.scope.subscriptions[0]!;
    const stranger = `/subscriptions/${sub}/resourceGroups/rg-x/providers/Microsoft.Network/virtualNetworks/vnet-x`;
    const outside = await rollbackMigration(
      request('POST', '/rollback', { vnetIds: [stranger] }, { id: migrationId }),
      deps,
    );
    expect(expectShape(outside, 400, 'Error').error).toMatchObject({
      code: 'NotInRun',
      target: 'vnetIds[0]',
    });
    const malformed = await rollbackMigration(
      request('POST', '/rollback', { vnetIds: [] }, { id: migrationId }),
      deps,
    );
    expect(expectShape(malformed, 400, 'Error').error.target).toBe('vnetIds');
    expect(stack.emulator.writeLog()).toEqual([]);
  });

  it('POST /plans shows the rollback plan before anything changes, and names a VNet it does not know', async () => {
    stack.emulator.clearWriteLog();
    const plan = expectShape(
      await createPlan(request('POST', '/plans', { rollback: {} }), deps),
      200,
      'Plan',
    );
    expect(plan.rollback).toBe(true);
    expect(plan.blockers).toEqual([]);
    expect(plan.steps.length).toBeGreaterThan(0);
    const hubOnly = expectShape(
      await createPlan(
        request('POST', '/plans', { rollback: { vnetIds: [stack.baseConfig.hubVnetId] } }),
        deps,
      ),
      200,
      'Plan',
    );
    expect(hubOnly.blockers.map((b: { code: string }) => b.code)).toEqual(['HubRollbackLeavesSpokes']);
    const sub = stack.baseConfig.scope.subscriptions[0]!;
    const stranger = `/subscriptions/${sub}/resourceGroups/rg-x/providers/Microsoft.Network/virtualNetworks/vnet-x`;
    const unknown = await createPlan(
      request('POST', '/plans', { rollback: { vnetIds: [stack.baseConfig.hubVnetId, stranger] } }),
      deps,
    );
    expect(expectShape(unknown, 400, 'Error').error).toMatchObject({
      code: 'NotInEstate',
      target: 'rollback.vnetIds[1]',
    });
    const both = await createPlan(request('POST', '/plans', { spokes: [stranger], rollback: {} }), deps);
    expect(expectShape(both, 400, 'Error').error.target).toBe('rollback');
    expect(stack.emulator.writeLog()).toEqual([]);
  });

  it('plans, waits for approval, then gives back the IPv4 estate, releases the /56s and reports every step', async () => {
    stack.emulator.clearWriteLog();
    const started = await rollbackMigration(request('POST', '/rollback', {}, { id: migrationId }), deps);
    const links = expectShape(started, 202, 'RunLinks');
    expect(links.id).toMatch(/^rollback-/);
    // Nothing is written before a reviewer approves.
    for (let i = 0; i < 100; i++) {
      const status = await getMigration(request('GET', '', undefined, { id: links.id as string }), deps);
      if ((status.jsonBody as { phase?: string }).phase === 'awaitingApproval') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const waiting = expectShape(
      await getMigration(request('GET', '', undefined, { id: links.id as string }), deps),
      200,
      'RunStatus',
    );
    expect(waiting.phase).toBe('awaitingApproval');
    expect(waiting.plan.steps).toBeGreaterThan(0);
    expect(stack.emulator.writeLog()).toEqual([]);
    // A migration can't start while the rollback runs.
    const clash = await startMigration(request('POST', '/migrations', {}), deps);
    expect(expectShape(clash, 409, 'Error').error.code).toBe('RollbackInProgress');

    expect((await approveMigration(request('POST', '', {}, { id: links.id as string }), deps)).status).toBe(
      202,
    );
    const done = await stack.host.waitForCompletion(links.id as string, { timeoutInMilliseconds: 120_000 });
    const result = done.output as MigrationResult;
    expect(result.outcome).toBe('succeeded');
    expect(result.stepsFailed).toBe(0);
    expect(result.changes).toBe(waiting.plan.steps);
    const finished = expectShape(
      await getMigration(request('GET', '', undefined, { id: links.id as string }), deps),
      200,
      'RunStatus',
    );
    expect(finished.steps).toEqual({
      done: waiting.plan.steps,
      total: waiting.plan.steps,
      running: [],
      failed: 0,
    });

    const after = new Map(stack.emulator.dump().map((r) => [r.id.toLowerCase(), r]));
    for (const was of before) {
      const now = after.get(was.id.toLowerCase());
      expect(now).toBeDefined();
      expect(ipv4Differences(was, now!)).toEqual([]);
      expect([now!.id, ipv6In(now!)]).toEqual([now!.id, []]);
    }
    const vnets = [...after.values()].filter((r) => r.type === 'Microsoft.Network/virtualNetworks');
    for (const v of vnets) expect(v.tags?.['dualstack:skip']).toMatch(/^rolled back by rollback-/);
    await expect(stack.services.reservations.list()).resolves.toEqual([]);
    // One accepted write per changed resource, nothing written twice; the only deletes are the AAAA
    // record sets and the IPv6 public IP (of the public load balancer) Dualstack created, and the one
    // POST deploys AVNM's connectivity configuration again (its peerings drop the IPv6 prefixes).
    const writes = stack.emulator.writeLog();
    const deletesOwn = (w: { method: string; resourceId: string }) =>
      w.method === 'DELETE' &&
      /\/privateDnsZones\/[^/]+\/AAAA\/|\/publicIPAddresses\/[^/]+-ipv6$/.test(w.resourceId);
    const commits = writes.filter((w) => w.method === 'POST' && w.resourceId.endsWith('/avnm-hub/commit'));
    expect(commits).toHaveLength(1);
    expect(
      writes.filter((w) => !(w.method === 'PUT' || deletesOwn(w) || commits.includes(w)) || w.status >= 300),
    ).toEqual([]);
    expect(writes.filter(deletesOwn).map((w) => w.resourceId.split('/').slice(-2).join('/'))).toEqual(
      expect.arrayContaining(['publicIPAddresses/pip-lbe-spoke-prod-1-ipv6']),
    );
    expect(writes.filter(deletesOwn)).toHaveLength(5);
    expect(writes).toHaveLength(result.changes);

    const rows = stack.monitor.ingestedRows(DUAL_STACK_CHANGES_SCHEMA.streamName);
    const mine = rows.filter((r) => r.RunId === result.runId);
    expect(mine.filter((r) => r.RowType === 'step' && r.Action !== 'releasePrefix')).toHaveLength(
      waiting.plan.steps as number,
    );
    expect(mine).toContainEqual(
      expect.objectContaining({ RowType: 'summary', RunKind: 'rollback', Outcome: 'succeeded' }),
    );
    expect(mine.filter((r) => r.Action === 'releasePrefix' && r.Outcome === 'released')).toHaveLength(5);
  }, 180_000);

  it('finds nothing to do a second time, and the estate stays IPv4: the next plan is blocked by the tag', async () => {
    stack.emulator.clearWriteLog();
    const again = await rollbackMigration(request('POST', '/rollback', {}, { id: migrationId }), deps);
    const id = expectShape(again, 202, 'RunLinks').id as string;
    const done = await stack.host.waitForCompletion(id, { timeoutInMilliseconds: 60_000 });
    expect((done.output as MigrationResult).outcome).toBe('noChanges');
    expect(stack.emulator.writeLog()).toEqual([]);
    const plan = await planEstate(stack.services, { config: stack.baseConfig });
    expect(plan.blockers.map((b) => b.code)).toContain('HubExcluded');

    // A rollback is not a migration, so it doesn't roll back.
    const ofRollback = await rollbackMigration(request('POST', '/rollback', {}, { id }), deps);
    expect(expectShape(ofRollback, 400, 'Error').error).toMatchObject({
      code: 'NotAMigration',
      target: 'id',
    });
  }, 120_000);

  it('refuses to roll back a run that wrote nothing', async () => {
    // Blocked by the tag, the next migration (a dry run) ends without touching any VNet.
    const started = await startMigration(
      request('POST', '/migrations', { dryRun: true, approval: { required: false } }),
      deps,
    );
    const id = expectShape(started, 202, 'RunLinks').id as string;
    await stack.host.waitForCompletion(id, { timeoutInMilliseconds: 60_000 });
    const res = await rollbackMigration(request('POST', '/rollback', {}, { id }), deps);
    expect(expectShape(res, 409, 'Error').error).toMatchObject({ code: 'NothingToRollBack', target: 'id' });
  }, 120_000);
});
