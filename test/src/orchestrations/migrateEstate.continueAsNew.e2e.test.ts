import { HttpRequest } from '@azure/functions';
import { generateEstate } from '../../../estates/generateEstate';
import { apiDepsFor } from '../../../src/functions/http/apiDepsFor';
import { getMigration } from '../../../src/functions/http/getMigration';
import { DUAL_STACK_CHANGES_SCHEMA } from '../../../src/monitor/dualStackChangesSchema';
import { addressSpaceInstanceId } from '../../../src/orchestrations/instanceIds';
import { planNow, runMigration, withStack } from '../../helpers/migrationKit';

describe('migrateEstate in pieces (continue-as-new)', () => {
  it('migrates five spokes two per execution after the canary: the same result, rows and figures as in one piece, and a last history that holds only its own spokes', async () => {
    const topology = generateEstate({ spokes: 5, subnetsPerSpoke: 2, nicsPerSubnet: 1, seed: 11 });
    await withStack({ topology, emulator: { timeScale: 0 } }, async (stack) => {
      const plan = await planNow(stack);
      const { status, result } = await runMigration(stack, 'run-pieces', {
        spokesPerExecution: 2,
        rollout: { maxParallelSpokes: 2, canarySpokes: 1, abortAfterFailures: 2 },
      });
      expect(result.outcome).toBe('succeeded');
      expect(result.vnets.every((v) => v.state === 'succeeded' || v.state === 'noChanges')).toBe(true);
      expect(result.stepsSucceeded).toBe(plan.steps.length);
      expect(result.changes).toBe(plan.steps.length);
      expect((await planNow(stack)).steps).toEqual([]);

      // Every step written once, reported once, and one summary row for the whole run.
      const written = stack.emulator
        .writeLog()
        .filter((w) => w.status < 300 && !/\/providers\/microsoft\.insights\//i.test(w.resourceId));
      expect(written).toHaveLength(plan.steps.length);
      const rows = stack.monitor.ingestedRows(DUAL_STACK_CHANGES_SCHEMA.streamName);
      const stepRows = rows.filter((r) => r.RowType === 'step');
      expect(new Set(stepRows.map((r) => `${String(r.ResourceId)} ${String(r.Action)}`)).size).toBe(
        plan.steps.length,
      );
      expect(stepRows).toHaveLength(plan.steps.length);
      expect(rows.filter((r) => r.RowType === 'summary')).toMatchObject([
        { Outcome: 'succeeded', StepsTotal: plan.steps.length, StepsSucceeded: plan.steps.length },
      ]);

      // The canary and 2 spokes, then the last 2: the last execution started only its own.
      const history = (await stack.host.getStatus('run-pieces', { showHistory: true })).history as {
        Name?: string;
        InstanceId?: string;
      }[];
      const started = history
        .filter((e) => e.InstanceId?.endsWith('-address-space'))
        .map((e) => e.InstanceId);
      const spokes = plan.vnets.filter((v) => v.role === 'spoke');
      expect(started).toEqual(spokes.slice(3).map((v) => addressSpaceInstanceId('run-pieces', v.vnetId)));
      // It planned nothing again and carries no plan: it loaded its piece from the run store.
      expect(history.some((e) => e.Name === 'planNetwork' || e.Name === 'storeRunPlan')).toBe(false);
      expect(history.filter((e) => e.Name === 'loadRunPiece')).toHaveLength(1);
      expect(JSON.stringify(status.input)).not.toContain('"steps":[');
      expect(status.output).toMatchObject({ runId: 'run-pieces', vnetsStored: true });
      expect(result.vnetCounts).toMatchObject({ failed: 0, skipped: 0, pending: 0, running: 0 });

      // Every VNet's outcome is in the run store, and the status endpoint and rollback read it there.
      const everyVnet = await stack.services.runs.vnetsOf(result);
      expect(everyVnet.map((v) => v.vnetId).sort()).toEqual(plan.vnets.map((v) => v.vnetId).sort());
      expect(everyVnet.every((v) => v.state === 'succeeded' || v.state === 'noChanges')).toBe(true);
      const deps = apiDepsFor(stack.host, stack.services, stack.baseConfig);
      const shown = await getMigration(
        new HttpRequest({
          method: 'GET',
          url: 'https://x/api/migrations/run-pieces',
          params: { id: 'run-pieces' },
        }),
        deps,
      );
      const body = shown.jsonBody as { vnets: { vnetId: string; state: string }[]; vnetCounts: object };
      expect(body.vnets.map((v) => v.vnetId).sort()).toEqual(plan.vnets.map((v) => v.vnetId).sort());
      expect(body.vnetCounts).toEqual(result.vnetCounts);
    });
  });
});
