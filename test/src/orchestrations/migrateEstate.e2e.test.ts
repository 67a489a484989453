import { referenceTopology } from '../../../estates/referenceTopology';
import { ipv4Fingerprint } from '../../../src/planner/ipv4Fingerprint';
import { parentResourceId } from '../../../src/arm/resourceId';
import { DUAL_STACK_CHANGES_SCHEMA } from '../../../src/monitor/dualStackChangesSchema';
import { rowProblems } from '../../../src/monitor/rowProblems';
import { byId, planNow, runMigration, withStack } from '../../helpers/migrationKit';

const fast = { emulator: { timeScale: 0 } };

function nicsOf(resources: ReturnType<typeof referenceTopology>) {
  return resources.filter((r) => r.type === 'Microsoft.Network/networkInterfaces');
}

describe('migrateEstate on the reference topology (real orchestrators, local host, emulator)', () => {
  it('migrates everything the plan promised, leaves IPv4 byte-identical, and reports one row per step', async () => {
    const before = referenceTopology();
    await withStack({ topology: before, ...fast }, async (stack) => {
      const plan = await planNow(stack);
      expect(plan.blockers).toEqual([]);
      const baseline = stack.emulator.dump();
      expect(baseline).toHaveLength(before.length);
      const { status, result } = await runMigration(stack, 'run-full');
      expect(status.runtimeStatus).toBe('Completed');
      expect(result.outcome).toBe('succeeded');
      expect(result.stepsSucceeded).toBe(plan.steps.length);
      expect(result.changes).toBe(plan.steps.length);

      const after = byId(stack.emulator.dump());
      for (const original of baseline) {
        const now = after.get(original.id.toLowerCase());
        expect(now).toBeDefined();
        expect(ipv4Fingerprint(now!)).toBe(ipv4Fingerprint(original));
      }
      for (const vnet of plan.vnets) {
        const stored = after.get(vnet.vnetId.toLowerCase())!;
        const space = (stored.properties!.addressSpace as { addressPrefixes: string[] }).addressPrefixes;
        expect(space).toContain(vnet.ipv6Prefix);
      }
      for (const nic of nicsOf(stack.emulator.dump())) {
        const configs = nic.properties!.ipConfigurations as {
          properties: { privateIPAddressVersion?: string };
        }[];
        expect(configs.filter((c) => c.properties.privateIPAddressVersion === 'IPv6')).toHaveLength(1);
      }
      expect((await planNow(stack)).steps).toEqual([]);

      const rows = stack.monitor.ingestedRows(DUAL_STACK_CHANGES_SCHEMA.streamName);
      expect(rows.filter((r) => r.RowType === 'step')).toHaveLength(plan.steps.length);
      expect(rows.filter((r) => r.RowType === 'summary')).toHaveLength(1);
      expect(result.lostReportRows).toBe(0);
    });
  });

  it('makes zero writes on a second run', async () => {
    await withStack({ topology: referenceTopology(), ...fast }, async (stack) => {
      await runMigration(stack, 'run-first');
      stack.emulator.clearWriteLog();
      const { result } = await runMigration(stack, 'run-second');
      expect(result.outcome).toBe('noChanges');
      expect(stack.emulator.writeLog()).toEqual([]);
    });
  });

  it('never has more than maxParallelSpokes spokes in flight', async () => {
    await withStack({ topology: referenceTopology(), emulator: { timeScale: 0.002 } }, async (stack) => {
      const plan = await planNow(stack);
      const { result } = await runMigration(stack, 'run-window', {
        rollout: { maxParallelSpokes: 2, canarySpokes: 0, abortAfterFailures: 2 },
      });
      expect(result.outcome).toBe('succeeded');
      const spokeOf = new Map(
        plan.steps
          // writes on the spoke's own resources; its hub-side peering sync runs in the hub's lane
          .filter(
            (s) =>
              s.vnetId && s.vnetId !== plan.hubVnetId && parentResourceId(s.resourceId) !== plan.hubVnetId,
          )
          .map((s) => [s.resourceId.toLowerCase(), s.vnetId!]),
      );
      const spans = new Map<string, { start: number; end: number }>();
      for (const w of stack.emulator.writeLog()) {
        const spoke = spokeOf.get(w.resourceId.toLowerCase());
        if (!spoke) continue;
        const span = spans.get(spoke) ?? { start: w.startedAt, end: w.finishedAt ?? w.startedAt };
        span.start = Math.min(span.start, w.startedAt);
        span.end = Math.max(span.end, w.finishedAt ?? w.startedAt);
        spans.set(spoke, span);
      }
      expect(spans.size).toBe(4);
      const edges = [...spans.values()].flatMap((s) => [
        { t: s.start, d: 1 },
        { t: s.end, d: -1 },
      ]);
      edges.sort((a, b) => a.t - b.t || a.d - b.d);
      let inFlight = 0;
      let peak = 0;
      for (const e of edges) peak = Math.max(peak, (inFlight += e.d));
      expect(peak).toBeLessThanOrEqual(2);
      expect(peak).toBeGreaterThanOrEqual(1);
    });
  });
});

describe('hub diagnostics', () => {
  it('exist on the hub resources after a migration, and a second run changes nothing', async () => {
    await withStack({ topology: referenceTopology(), emulator: { timeScale: 0 } }, async (stack) => {
      await runMigration(stack, 'run-diag');
      const settings = [...stack.monitor.diagnosticSettings.keys()];
      for (const name of ['afw-hub', 'vgw-hub-er', 'vgw-hub-vpn', 'lbi-hub-nva']) {
        expect(
          settings.some((id) => id.includes(`/${name}/providers/microsoft.insights/diagnosticsettings/`)),
        ).toBe(true);
      }
      const writes = stack.monitor.diagnosticSettingsWrites().length;
      expect(writes).toBe(settings.length);
      await runMigration(stack, 'run-diag-2');
      expect(stack.monitor.diagnosticSettingsWrites()).toHaveLength(writes);
    });
  });
});

describe('change reporting', () => {
  it('sends rows that all match the shared schema, and a no-op run reports zero changes', async () => {
    await withStack({ topology: referenceTopology(), emulator: { timeScale: 0 } }, async (stack) => {
      await runMigration(stack, 'run-report');
      const { result } = await runMigration(stack, 'run-report-2');
      const rows = stack.monitor.ingestedRows(DUAL_STACK_CHANGES_SCHEMA.streamName);
      for (const row of rows) expect(rowProblems(row, DUAL_STACK_CHANGES_SCHEMA.columns)).toEqual([]);
      const second = rows.filter((r) => r.RunId === 'run-report-2');
      expect(second.filter((r) => r.RowType === 'step')).toEqual([]);
      expect(second.filter((r) => r.RowType === 'summary').map((r) => r.Changes)).toEqual([0]);
      expect(result.changes).toBe(0);
    });
  });

  it('completes the migration when Azure Monitor is down, and counts every lost row', async () => {
    await withStack({ topology: referenceTopology(), emulator: { timeScale: 0 } }, async (stack) => {
      const plan = await planNow(stack);
      stack.monitor.setIngestionFault({ status: 503 });
      const { result } = await runMigration(stack, 'run-monitor-down');
      expect(result.outcome).toBe('succeeded');
      // one row per step outcome plus the run's summary row
      expect(result.lostReportRows).toBe(plan.steps.length + 1);
      expect(stack.monitor.ingestedRows(DUAL_STACK_CHANGES_SCHEMA.streamName)).toEqual([]);
    });
  });
});
