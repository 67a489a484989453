import { randomUUID } from 'node:crypto';
import type { FunctionInput, FunctionTrigger, Timer } from '@azure/functions';
import { InvocationContext } from '@azure/functions';
import { referenceTopology } from '../../../estates/referenceTopology';
import { findRegisteredFunction } from '../../../devhost/functionRegistry';
import { startManagementApi } from '../../../devhost/managementApi';
import { DRIFT_SCAN_FUNCTION } from '../../../src/functions/driftScanTrigger';
import { DUAL_STACK_CHANGES_SCHEMA } from '../../../src/monitor/dualStackChangesSchema';
import type { DriftResult, ScanDriftInput } from '../../../src/orchestrations/scanDrift';
import { scanDriftRef } from '../../../src/orchestrations/scanDrift';
import { pipelineClient, useStackSettings } from '../functions/eventGrid/eventGridKit';
import { planNow, runMigration, withStack } from '../../helpers/migrationKit';

describe('drift scan', () => {
  it('the daily timer plans every spoke without writing and reports the counts; remediateDrift repairs', async () => {
    await withStack({ topology: referenceTopology(), emulator: { timeScale: 0 } }, async (stack) => {
      const restoreSettings = useStackSettings(stack, 60, { DUALSTACK_REMEDIATE_DRIFT: 'false' });
      const api = await startManagementApi(stack.host);
      try {
        expect((await runMigration(stack, 'run-initial')).result.outcome).toBe('succeeded');
        // Drift: a NIC added by hand to a dual-stack spoke, its event lost (Event Grid was down, say).
        await pipelineClient(stack).networkInterfaces.beginCreateOrUpdateAndWait(
          'rg-spoke-prod-2',
          'nic-vm-prod-2-late',
          {
            location: 'westeurope',
            ipConfigurations: [
              {
                name: 'ipconfig1',
                primary: true,
                subnet: {
                  id: `${stack.baseConfig.hubVnetId.replace(/rg-hub\/.*$/, 'rg-spoke-prod-2')}/providers/Microsoft.Network/virtualNetworks/vnet-spoke-prod-2/subnets/snet-data`,
                },
              },
            ],
          },
          { updateIntervalInMs: 5 },
        );
        stack.emulator.clearWriteLog();

        const fn = findRegisteredFunction(DRIFT_SCAN_FUNCTION, 'timerTrigger');
        expect(fn?.trigger.schedule).toBe('%DUALSTACK_DRIFT_SCHEDULE%');
        const extraInputs = Object.values(fn!.bindings).filter(
          (b) => b.direction === 'in' && b !== fn!.trigger,
        ) as unknown as FunctionInput[];
        const context = new InvocationContext({
          functionName: fn!.name,
          invocationId: randomUUID(),
          logHandler: () => undefined,
          options: { trigger: fn!.trigger as unknown as FunctionTrigger, extraInputs, extraOutputs: [] },
        });
        context.extraInputs.set(extraInputs[0]!, api.clientData);
        const tick: Timer = {
          isPastDue: false,
          schedule: { adjustForDST: false },
          scheduleStatus: { last: '', next: '', lastUpdated: '' },
        };
        await fn!.handler(tick, context);

        const [scan] = (await stack.host.getStatusAll()).filter((s) => s.name === scanDriftRef.name);
        const done = await stack.host.waitForCompletion(scan!.instanceId, { timeoutInMilliseconds: 60_000 });
        const result = done.output as DriftResult;
        expect(result.driftCount).toBe(1);
        expect(result.spokesTotal).toBe(4);
        expect(result.spokesPending).toBe(1);
        expect(result.spokesDualStack).toBe(3);
        expect(result.driftedVnetIds).toEqual([expect.stringMatching(/vnet-spoke-prod-2$/)]);
        expect(result.remediation).toBeUndefined();
        expect(stack.emulator.writeLog()).toEqual([]);
        const rows = stack.monitor.ingestedRows(DUAL_STACK_CHANGES_SCHEMA.streamName);
        expect(rows).toContainEqual(
          expect.objectContaining({ RunKind: 'drift', RowType: 'summary', DriftCount: 1, SpokesPending: 1 }),
        );

        // With remediateDrift on, the same scan repairs what it found, without approval.
        const input: ScanDriftInput = {
          runId: 'drift-remediate',
          config: stack.baseConfig,
          remediate: true,
          rollout: { maxParallelSpokes: 2, canarySpokes: 0, abortAfterFailures: 2 },
        };
        await stack.host.startNew(scanDriftRef.name, { instanceId: input.runId, input });
        const repaired = (await stack.host.waitForCompletion(input.runId, { timeoutInMilliseconds: 60_000 }))
          .output as DriftResult;
        expect(repaired.remediation).toEqual(expect.objectContaining({ outcome: 'succeeded', changes: 1 }));
        expect((await planNow(stack)).steps).toEqual([]);
      } finally {
        restoreSettings();
        await api.close();
      }
    });
  }, 120_000);
});
