import type { EmulatorResponse } from '../http/EmulatorRequest';
import type { HandlerModule, RouteContext } from '../http/router';
import { LOGS_INGESTION_API_VERSION, ingestUpload } from './ingestUpload';
import { monitorOf } from './monitorOf';

/**
 * The dispatcher logs every non-GET request as an ARM write. An upload is not
 * one (it goes to the DCE, not ARM), so it leaves that log, which counts ARM
 * writes for the idempotency tests, and is kept in the ingestion log instead.
 */
function leaveArmWriteLog(ctx: RouteContext): void {
  const log = ctx.emulator.writeLog;
  const at = ctx.logEntry ? log.lastIndexOf(ctx.logEntry) : -1;
  if (at >= 0) log.splice(at, 1);
}

function upload(ctx: RouteContext): EmulatorResponse {
  leaveArmWriteLog(ctx);
  return ingestUpload(monitorOf(ctx.emulator), {
    ruleId: ctx.params.ruleId ?? '',
    stream: ctx.params.stream ?? '',
    headers: ctx.req.headers,
    body: ctx.req.body,
    principalId: ctx.req.principal.oid,
    rbac: ctx.emulator.rbac,
  });
}

/**
 * The upload route on the ARM emulator's own server. The ARM server reads
 * bodies as UTF-8 JSON, so until it decodes `Content-Encoding: gzip` this route
 * serves only plain-JSON uploads; the SDK client (which always gzips) goes to
 * `startIngestionEndpoint`, which is also how Azure has it: the DCE is a host
 * of its own.
 */
export const logsIngestionRoutes: HandlerModule = {
  routes: [
    {
      method: 'POST',
      path: '/dataCollectionRules/{ruleId}/streams/{stream}',
      resourceType: 'Microsoft.Insights/dataCollectionRules/streams',
      operation: 'action',
      apiVersions: [LOGS_INGESTION_API_VERSION],
      handle: upload,
    },
  ],
};
