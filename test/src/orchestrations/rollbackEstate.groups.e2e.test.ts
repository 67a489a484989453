import { odata, type TableEntity } from '@azure/data-tables';
import type { LocalStack } from '../../../cli/localStack';
import { HistoryEventType, type HistoryEventTypeValue } from '../../../devhost/historyEvents';
import { generateEstate } from '../../../estates/generateEstate';
import { planEstate } from '../../../src/activities/planNetwork';
import { DEFAULT_RUNS_TABLE } from '../../../src/activities/RunStore';
import { DUAL_STACK_CHANGES_SCHEMA } from '../../../src/monitor/dualStackChangesSchema';
import type { MigrationResult } from '../../../src/orchestrations/migrateEstate';
import { APPROVE_EVENT } from '../../../src/orchestrations/migrateEstate';
import { rollbackEstateRef, type RollbackEstateInput } from '../../../src/orchestrations/rollbackEstate';
import {
  rollbackInput,
  runMigration,
  runRollback,
  untilAwaitingApproval,
  withStack,
} from '../../helpers/migrationKit';

const topology = (): ReturnType<typeof generateEstate> =>
  generateEstate({ spokes: 6, subnetsPerSpoke: 2, nicsPerSubnet: 2, seed: 7 });

function rollbackPlan(stack: LocalStack) {
  return planEstate(stack.services, { config: stack.baseConfig, rollback: { tagValue: 'probe' } });
}

type HistoryEvent = { EventType?: HistoryEventTypeValue; Name?: string; InstanceId?: string };

async function historyOf(stack: LocalStack, instanceId: string): Promise<HistoryEvent[]> {
  return (await stack.host.getStatus(instanceId, { showHistory: true })).history as HistoryEvent[];
}

/** Network writes: diagnostic settings (ensured on the hub by migrations) aside. */
function networkWrites(stack: LocalStack) {
  return stack.emulator.writeLog().filter((w) => !/\/providers\/microsoft\.insights\//i.test(w.resourceId));
}

/** A rollback of the whole estate that stops for its reviewer. */
async function startAwaitingApproval(stack: LocalStack, runId: string): Promise<void> {
  const input = rollbackInput(stack, runId, {
    approval: { required: true, timeoutMinutes: 60 },
    rollout: { maxParallelWrites: 8 },
  });
  await stack.host.startNew(rollbackEstateRef.name, { instanceId: runId, input });
  await untilAwaitingApproval(stack, runId);
}

async function approve(stack: LocalStack, runId: string): Promise<MigrationResult> {
  await stack.host.raiseEvent(runId, APPROVE_EVENT, {});
  return (await stack.host.waitForCompletion(runId, { timeoutInMilliseconds: 60_000 }))
    .output as MigrationResult;
}

describe('rollbackEstate in stored step groups', () => {
  it("keeps steps out of the run's history: each group loads its own, reports its rows, and the parent adds up tallies", async () => {
    await withStack({ topology: topology(), emulator: { timeScale: 0 } }, async (stack) => {
      expect((await runMigration(stack, 'forward')).result.outcome).toBe('succeeded');
      const plan = await rollbackPlan(stack);
      expect(plan.steps.length).toBeGreaterThan(40);
      stack.emulator.clearWriteLog();

      const result = await runRollback(stack, 'back', { rollout: { maxParallelWrites: 8 } });

      expect(result.outcome).toBe('succeeded');
      expect(result.stepsSucceeded).toBe(plan.steps.length);
      expect(result.stepsFailed).toBe(0);
      expect(result.changes).toBe(plan.steps.length);
      expect(networkWrites(stack).filter((w) => w.status < 300)).toHaveLength(plan.steps.length);
      expect(result.vnets.filter((v) => v.state !== 'noChanges').every((v) => v.state === 'succeeded')).toBe(
        true,
      );
      expect(await stack.services.reservations.list()).toEqual([]);
      expect((await rollbackPlan(stack)).steps).toEqual([]);

      // One row per step, each once, and one summary row, as when the parent reported them.
      const rows = stack.monitor
        .ingestedRows(DUAL_STACK_CHANGES_SCHEMA.streamName)
        .filter((r) => r.RunId === 'back');
      const stepRows = rows.filter((r) => r.RowType === 'step' && r.Action !== 'releasePrefix');
      // and each VNet that gave its /56 back says so
      expect(rows.filter((r) => r.Action === 'releasePrefix')).toHaveLength(
        result.vnets.filter((v) => v.ipv6Prefix).length,
      );
      expect(stepRows).toHaveLength(plan.steps.length);
      expect(new Set(stepRows.map((r) => `${String(r.ResourceId)} ${String(r.Action)}`)).size).toBe(
        plan.steps.length,
      );
      expect(rows.filter((r) => r.RowType === 'summary')).toMatchObject([
        { Outcome: 'succeeded', StepsTotal: plan.steps.length, StepsSucceeded: plan.steps.length },
      ]);

      // The parent stored the plan once and started groups; no step body is in its history.
      const history = await historyOf(stack, 'back');
      expect(
        history.filter(
          (e) => e.Name === 'storeRollbackPlan' && e.EventType === HistoryEventType.TaskScheduled,
        ),
      ).toHaveLength(1);
      expect(history.some((e) => e.Name === 'planNetwork')).toBe(false);
      const groups = history.filter(
        (e) => e.Name === 'rollbackGroup' && e.EventType === HistoryEventType.SubOrchestrationInstanceCreated,
      );
      // one per group of each dependency wave (routes and NICs, load balancers, VNets, syncs...)
      expect(groups.length).toBeGreaterThan(3);
      expect(new Set(groups.map((e) => e.InstanceId)).size).toBe(groups.length);
      const text = JSON.stringify(history);
      for (const step of plan.steps) expect(text).not.toContain(step.id);
      expect(text).not.toContain('"additions"');
    });
  }, 180_000);

  it('ends failed, names the broken group and gives back no /56 when a group cannot load its steps', async () => {
    await withStack({ topology: topology(), emulator: { timeScale: 0 } }, async (stack) => {
      expect((await runMigration(stack, 'forward')).result.outcome).toBe('succeeded');
      const held = await stack.services.reservations.list();
      expect(held.length).toBeGreaterThan(0);
      stack.emulator.clearWriteLog();

      await startAwaitingApproval(stack, 'back-broken');
      // Someone empties the run store while the run waits for its reviewer.
      const table = stack.azurite.tableClient(DEFAULT_RUNS_TABLE);
      let deleted = 0;
      for await (const row of table.listEntities({
        queryOptions: {
          filter: odata`PartitionKey ge ${'plan~back-broken~'} and PartitionKey lt ${'plan~back-broken~~'}`,
        },
      })) {
        await table.deleteEntity(row.partitionKey ?? '', row.rowKey ?? '');
        deleted++;
      }
      expect(deleted).toBeGreaterThan(0);
      const done = await approve(stack, 'back-broken');

      expect(done.outcome).toBe('failed');
      expect(done.message).toMatch(
        /^a step group broke: .*no group~00000~00000 in the run store.*\(wave 0, group 0\)$/,
      );
      expect(done.stepsSucceeded).toBe(0);
      expect(networkWrites(stack)).toEqual([]);
      expect(await stack.services.reservations.list()).toEqual(held);
    });
  }, 180_000);

  it('keeps a /56 whose release fails, says which VNets still hold one, and a second rollback gives them back', async () => {
    await withStack({ topology: topology(), emulator: { timeScale: 0 } }, async (stack) => {
      expect((await runMigration(stack, 'forward')).result.outcome).toBe('succeeded');
      const held = await stack.services.reservations.list();
      await startAwaitingApproval(stack, 'back-unreleased');
      // The ledger goes away after the plan was read: every release fails, every step still runs.
      const ledger = stack.azurite.tableClient('DualstackReservations');
      const rows: TableEntity[] = [];
      for await (const {
        partitionKey,
        rowKey,
        etag: _etag,
        timestamp: _timestamp,
        ...data
      } of ledger.listEntities())
        rows.push({ ...data, partitionKey: partitionKey ?? '', rowKey: rowKey ?? '' });
      await ledger.deleteTable();

      const done = await approve(stack, 'back-unreleased');

      expect(done.outcome).toBe('succeeded');
      expect(done.message).toMatch(
        new RegExp(`^${held.length} VNet\\(s\\) still hold their /56 because the release failed`),
      );
      for (const r of held) expect(done.message).toContain(r.vnetId);

      // The ledger back as it was: the /56s are still held, and the next rollback (nothing left to
      // remove) gives them back, since the VNets no longer carry them.
      await ledger.createTable();
      for (const row of rows) await ledger.upsertEntity(row, 'Replace');
      expect(await stack.services.reservations.list()).toEqual(held);
      const again = await runRollback(stack, 'back-again');
      expect(again).toMatchObject({ outcome: 'noChanges' });
      expect(again.message).toBeUndefined();
      expect(await stack.services.reservations.list()).toEqual([]);
    });
  }, 180_000);

  it('continues as new every few groups: the same outcome, rows and releases, and a last history of its own groups only', async () => {
    await withStack({ topology: topology(), emulator: { timeScale: 0 } }, async (stack) => {
      expect((await runMigration(stack, 'forward')).result.outcome).toBe('succeeded');
      const plan = await rollbackPlan(stack);
      stack.emulator.clearWriteLog();

      const result = await runRollback(stack, 'back-pieces', { groupsPerExecution: 1 });

      expect(result.outcome).toBe('succeeded');
      expect(result.stepsSucceeded).toBe(plan.steps.length);
      expect(result.changes).toBe(plan.steps.length);
      expect(networkWrites(stack).filter((w) => w.status < 300)).toHaveLength(plan.steps.length);
      expect(await stack.services.reservations.list()).toEqual([]);
      expect((await rollbackPlan(stack)).steps).toEqual([]);
      const rows = stack.monitor
        .ingestedRows(DUAL_STACK_CHANGES_SCHEMA.streamName)
        .filter((r) => r.RunId === 'back-pieces');
      expect(rows.filter((r) => r.RowType === 'step' && r.Action !== 'releasePrefix')).toHaveLength(
        plan.steps.length,
      );
      expect(rows.filter((r) => r.RowType === 'summary')).toMatchObject([
        { Outcome: 'succeeded', StepsTotal: plan.steps.length, StepsSucceeded: plan.steps.length },
      ]);

      // The last execution started one wave's groups, and planned nothing again.
      const status = await stack.host.getStatus('back-pieces', { showHistory: true, showInput: true });
      const history = status.history as HistoryEvent[];
      expect(history.some((e) => e.Name === 'storeRollbackPlan')).toBe(false);
      const groups = history.filter(
        (e) => e.Name === 'rollbackGroup' && e.EventType === HistoryEventType.SubOrchestrationInstanceCreated,
      );
      expect(groups).toHaveLength(1);
      const input = status.input as RollbackEstateInput;
      expect(input.continuation?.wave).toBeGreaterThan(1);
      expect(JSON.stringify(input)).not.toContain('"additions"');
    });
  }, 180_000);
});
