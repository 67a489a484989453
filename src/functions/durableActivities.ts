import * as df from 'durable-functions';
import { DualstackError } from '../azure/DualstackError';
import { applyStep } from '../activities/applyStep';
import { ensureHubDiagnostics } from '../activities/ensureHubDiagnostics';
import { ensureHubDiagnosticsRef } from '../activities/ensureHubDiagnosticsContract';
import { applyStepRef, syncPeeringRef } from '../activities/applyStepContract';
import { planNetwork } from '../activities/planNetwork';
import { planNetworkRef } from '../activities/planNetworkContract';
import { reportOutcomes, reportRunSummary } from '../activities/reportOutcomes';
import { reportOutcomesRef, reportRunSummaryRef } from '../activities/reportOutcomesContract';
import { reservePrefixes } from '../activities/reservePrefixes';
import { reservePrefixesRef } from '../activities/reservePrefixesContract';
import { syncPeering } from '../activities/syncPeering';
import { verifyVnet } from '../activities/verifyVnet';
import { verifyVnetRef } from '../activities/verifyVnetContract';
import { classifyError } from '../azure/classifyError';
import { releaseReservation } from '../activities/releaseReservation';
import { releaseReservationRef } from '../activities/releaseReservationContract';
import { reportDrift } from '../activities/reportDrift';
import { reportDriftRef } from '../activities/reportDriftContract';
import { storeRunPlan } from '../activities/storeRunPlan';
import { loadRunPiece } from '../activities/loadRunPiece';
import { recordRunVnets } from '../activities/recordRunVnets';
import { loadRunPieceRef, recordRunVnetsRef, storeRunPlanRef } from '../activities/runStoreContract';
import { storeRollbackPlan } from '../activities/storeRollbackPlan';
import { loadRollbackGroup } from '../activities/loadRollbackGroup';
import { loadRollbackGroupRef, storeRollbackPlanRef } from '../activities/rollbackStoreContract';

// Classification travels to the orchestrator as failure-details properties, so
// retry decisions never depend on parsing messages.
df.app.setExceptionPropertiesProvider({
  getExceptionProperties(error: unknown) {
    const classified = error instanceof DualstackError ? error : classifyError(error);
    return {
      code: classified.code,
      retryable: classified.retryable,
      ...(classified.status !== undefined ? { status: classified.status } : {}),
      ...(classified.retryAfterMs !== undefined ? { retryAfterMs: classified.retryAfterMs } : {}),
    };
  },
});

df.app.activity(planNetworkRef.name, { handler: planNetwork });
df.app.activity(ensureHubDiagnosticsRef.name, { handler: ensureHubDiagnostics });
df.app.activity(reservePrefixesRef.name, { handler: reservePrefixes });
df.app.activity(applyStepRef.name, { handler: applyStep });
df.app.activity(syncPeeringRef.name, { handler: syncPeering });
df.app.activity(verifyVnetRef.name, { handler: verifyVnet });
df.app.activity(reportOutcomesRef.name, { handler: reportOutcomes });
df.app.activity(reportRunSummaryRef.name, { handler: reportRunSummary });
df.app.activity(releaseReservationRef.name, { handler: releaseReservation });
df.app.activity(reportDriftRef.name, { handler: reportDrift });
df.app.activity(storeRunPlanRef.name, { handler: storeRunPlan });
df.app.activity(loadRunPieceRef.name, { handler: loadRunPiece });
df.app.activity(recordRunVnetsRef.name, { handler: recordRunVnets });
df.app.activity(storeRollbackPlanRef.name, { handler: storeRollbackPlan });
df.app.activity(loadRollbackGroupRef.name, { handler: loadRollbackGroup });
