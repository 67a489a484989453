import type { InvocationContext, Timer } from '@azure/functions';
import { app } from '@azure/functions';
import * as df from 'durable-functions';
import type { RolloutSettings } from '../orchestrations/migrateEstate';
import { scanDriftRef } from '../orchestrations/scanDrift';
import type { ScanDriftInput } from '../orchestrations/scanDrift';
import { appSettings, runtimeConfig } from './azureRuntime';

export const DRIFT_SCAN_FUNCTION = 'driftScan';

/** The scan's instance id and run id: the tick's time, so each scan's rows and status are its own. */
export function driftRunId(at: Date): string {
  return `drift-${at.toISOString().replace(/[-:.]/g, '').toLowerCase()}`;
}

/**
 * Daily by default. The schedule is the app setting itself (the host resolves %NAME% at startup), so
 * registering this function reads no settings and a changed schedule needs no new deployment.
 */
app.timer(DRIFT_SCAN_FUNCTION, {
  schedule: '%DUALSTACK_DRIFT_SCHEDULE%',
  extraInputs: [df.input.durableClient()],
  handler: async (_timer: Timer, context: InvocationContext): Promise<void> => {
    const settings = appSettings();
    const config = runtimeConfig();
    // Drift is repair of what a migration already did: no canaries, the configured parallelism.
    const rollout: RolloutSettings = {
      maxParallelSpokes: settings.maxParallelSpokes,
      maxParallelWrites: settings.maxParallelWrites,
      canarySpokes: 0,
      abortAfterFailures: settings.maxFailedSpokes,
    };
    const runId = driftRunId(new Date());
    const input: ScanDriftInput = {
      runId,
      config,
      remediate: settings.remediateDrift,
      rollout,
    };
    await df.getClient(context).startNew(scanDriftRef.name, { instanceId: runId, input });
    context.log(`drift scan ${runId} started (remediate: ${settings.remediateDrift})`);
  },
});
