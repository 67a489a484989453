import type { EmittedEvent } from '../../emulator/EmulatorOptions';
import { DEFAULT_PRINCIPAL_ID } from '../../emulator/emulatorCredential';
import { INGESTION_DATA_ACTION } from '../../emulator/monitor/ingestUpload';
import { referenceTopology } from '../../estates/referenceTopology';
import { startManagementApi } from '../../devhost/managementApi';
import { operatorRbac } from '../../infra/role/operatorRbac';
import { reconcileInstanceId } from '../../src/orchestrations/instanceIds';
import type { ReconcileSpokeResult } from '../../src/orchestrations/reconcileSpoke';
import type { Delivery } from '../src/functions/eventGrid/eventGridKit';
import {
  createSpoke,
  deliver,
  PIPELINE_PRINCIPAL_ID,
  useStackSettings,
} from '../src/functions/eventGrid/eventGridKit';
import { planNow, runMigration, withStack } from '../helpers/migrationKit';

describe('event-driven remediation under exactly the Dualstack Operator role', () => {
  it('dual-stacks a new spoke created by a pipeline that has its own rights', async () => {
    const rbac = {
      [DEFAULT_PRINCIPAL_ID]: [
        ...(operatorRbac(DEFAULT_PRINCIPAL_ID)[DEFAULT_PRINCIPAL_ID] ?? []),
        INGESTION_DATA_ACTION,
      ],
      [PIPELINE_PRINCIPAL_ID]: ['*'],
    };
    await withStack(
      { topology: referenceTopology(), emulator: { timeScale: 0, rbac }, host: { timeScale: 100 } },
      async (stack) => {
        const restore = useStackSettings(stack, 1);
        const api = await startManagementApi(stack.host);
        try {
          expect((await runMigration(stack, 'run-role-initial')).result.outcome).toBe('succeeded');
          const events: EmittedEvent[] = [];
          const off = stack.emulator.onEvent((e) => events.push(e));
          const spoke = await createSpoke(stack, 'lz-role', 9);
          off();
          const delivery: Delivery = { logs: [] };
          for (const event of events) await deliver(api, event, delivery);
          const status = await stack.host.waitForCompletion(reconcileInstanceId(spoke.vnetId), {
            timeoutInMilliseconds: 120_000,
          });
          expect((status.output as ReconcileSpokeResult).outcome).toBe('succeeded');
          expect((await planNow(stack)).steps).toEqual([]);
        } finally {
          restore();
          await api.close();
        }
      },
    );
  }, 180_000);
});
