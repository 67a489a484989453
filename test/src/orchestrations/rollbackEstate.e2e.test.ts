import { referenceTopology } from '../../../estates/referenceTopology';
import { DUAL_STACK_CHANGES_SCHEMA } from '../../../src/monitor/dualStackChangesSchema';
import { ipv4Differences } from '../../../src/planner/ipv4Fingerprint';
import type { DriftResult, ScanDriftInput } from '../../../src/orchestrations/scanDrift';
import { scanDriftRef } from '../../../src/orchestrations/scanDrift';
import { runMigration, runRollback as rollback, withStack } from '../../helpers/migrationKit';

describe('rollbackEstate', () => {
  it('stops at a VNet write that keeps failing, keeps that /56 reserved, and converges when run again', async () => {
    await withStack({ topology: referenceTopology(), emulator: { timeScale: 0 } }, async (stack) => {
      const before = stack.emulator.dump();
      expect((await runMigration(stack, 'run-forward')).result.outcome).toBe('succeeded');
      const held = await stack.services.reservations.list();
      expect(held.length).toBe(5);

      stack.emulator.clearWriteLog();
      stack.emulator.setFaults([
        {
          operation: 'write',
          resourceType: 'Microsoft.Network/virtualNetworks',
          probability: 1,
          fault: 'http500',
        },
      ]);
      const failed = await rollback(stack, 'rollback-1');
      expect(failed.outcome).toBe('partiallyFailed');
      // The spokes' VNet writes were ready together, so each ran and failed; nothing started after.
      expect(failed.stepsFailed).toBeGreaterThanOrEqual(1);
      const failedVnets = failed.vnets.filter((v) => v.state === 'failed');
      expect(failedVnets.length).toBeGreaterThan(0);
      expect(failedVnets[0]?.failedStep?.stepId).toMatch(/^virtualNetwork:/);
      // No VNet lost its block, so none gave it back.
      expect(await stack.services.reservations.list()).toHaveLength(5);
      // Whatever was written left IPv4 alone.
      const midway = new Map(stack.emulator.dump().map((r) => [r.id.toLowerCase(), r]));
      for (const was of before) expect(ipv4Differences(was, midway.get(was.id.toLowerCase())!)).toEqual([]);
      const rows = stack.monitor
        .ingestedRows(DUAL_STACK_CHANGES_SCHEMA.streamName)
        .filter((r) => r.RunId === 'rollback-1');
      expect(rows).toContainEqual(
        expect.objectContaining({
          RowType: 'step',
          RunKind: 'rollback',
          Action: 'removeIpv6',
          Outcome: 'failed',
        }),
      );
      expect(rows).toContainEqual(
        expect.objectContaining({ RowType: 'summary', Outcome: 'partiallyFailed' }),
      );

      stack.emulator.setFaults([]);
      const again = await rollback(stack, 'rollback-2');
      expect(again.outcome).toBe('succeeded');
      expect(await stack.services.reservations.list()).toEqual([]);
      const after = new Map(stack.emulator.dump().map((r) => [r.id.toLowerCase(), r]));
      for (const was of before) {
        const now = after.get(was.id.toLowerCase())!;
        expect(ipv4Differences(was, now)).toEqual([]);
        expect(JSON.stringify(now.properties)).not.toMatch(/"IPv6"|2001:db8|fd[0-9a-f]{2}:/i);
      }

      // The estate is IPv4 on purpose now: the drift scan finds nothing to report.
      const scan: ScanDriftInput = {
        runId: 'drift-after-rollback',
        config: stack.baseConfig,
        remediate: true,
        rollout: { maxParallelSpokes: 2, canarySpokes: 0, abortAfterFailures: 2 },
      };
      stack.emulator.clearWriteLog();
      await stack.host.startNew(scanDriftRef.name, { instanceId: scan.runId, input: scan });
      const drift = (await stack.host.waitForCompletion(scan.runId, { timeoutInMilliseconds: 60_000 }))
        .output as DriftResult;
      expect(drift).toMatchObject({ driftCount: 0, driftedVnetIds: [], spokesPending: 0 });
      expect(drift.remediation).toBeUndefined();
      expect(stack.emulator.writeLog()).toEqual([]);
    });
  }, 180_000);

  it('writes nothing on a dry run, and nothing when there is nothing of Dualstack’s to remove', async () => {
    await withStack({ topology: referenceTopology(), emulator: { timeScale: 0 } }, async (stack) => {
      const untouched = await rollback(stack, 'rollback-nothing');
      expect(untouched.outcome).toBe('noChanges');
      // A configuration the planner refuses ends the run as failed, saying why, with nothing written.
      const broken = await rollback(stack, 'rollback-broken', {
        config: { ...stack.baseConfig, hubVnetId: 'not-an-id' },
      });
      expect(broken.outcome).toBe('failed');
      expect(broken.message).toMatch(/^planning failed: [^]*hubVnetId/);
      expect(stack.emulator.writeLog()).toEqual([]);
      expect((await runMigration(stack, 'run-forward')).result.outcome).toBe('succeeded');
      stack.emulator.clearWriteLog();
      const dry = await rollback(stack, 'rollback-dry', { dryRun: true });
      expect(dry.outcome).toBe('dryRun');
      expect(dry.plan.steps).toBeGreaterThan(0);
      expect(stack.emulator.writeLog()).toEqual([]);
    });
  }, 180_000);
});
