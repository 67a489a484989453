import type { HttpRequest } from '@azure/functions';
import { HttpResponse } from '@azure/functions';
import type { DurableOrchestrationStatus, GetStatusOptions, HttpManagementPayload } from 'durable-functions';
import { OrchestrationRuntimeStatus } from 'durable-functions';
import type { InstanceRecord } from './InstanceRecord';

const TERMINAL: ReadonlySet<string> = new Set<OrchestrationRuntimeStatus>([
  OrchestrationRuntimeStatus.Completed,
  OrchestrationRuntimeStatus.Failed,
  OrchestrationRuntimeStatus.Terminated,
  OrchestrationRuntimeStatus.Canceled,
]);

export function isTerminal(status: OrchestrationRuntimeStatus): boolean {
  return TERMINAL.has(status);
}

/** The status object `df.DurableClient.getStatus` returns, built from a local record. */
export function instanceStatus(
  record: InstanceRecord,
  options: GetStatusOptions = {},
): DurableOrchestrationStatus {
  return {
    name: record.name,
    instanceId: record.instanceId,
    createdTime: new Date(record.createdTime),
    lastUpdatedTime: new Date(record.lastUpdatedTime),
    input:
      options.showInput === false
        ? null
        : (record.input ??
          (record.inputJson === undefined ? null : (JSON.parse(record.inputJson) as unknown))),
    output: record.output ?? null,
    runtimeStatus: record.runtimeStatus,
    customStatus: record.customStatus,
    history: options.showHistory ? (JSON.parse(JSON.stringify(record.history)) as unknown[]) : undefined,
  };
}

/** The query every management link carries: the task hub, its connection and, when keys are enforced, the system key. */
export const MANAGEMENT_QUERY = 'taskHub=local&connection=Storage';

/** Management links shaped like the extension's, rooted at the caller's origin (or `baseUrl`). */
export function managementPayload(
  baseUrl: string,
  instanceId: string,
  query = MANAGEMENT_QUERY,
): HttpManagementPayload {
  const base = `${baseUrl.replace(/\/$/, '')}/runtime/webhooks/durabletask/instances/${encodeURIComponent(instanceId)}`;
  return {
    id: instanceId,
    statusQueryGetUri: `${base}?${query}`,
    sendEventPostUri: `${base}/raiseEvent/{eventName}?${query}`,
    terminatePostUri: `${base}/terminate?reason={text}&${query}`,
    rewindPostUri: `${base}/rewind?reason={text}&${query}`,
    purgeHistoryDeleteUri: `${base}?${query}`,
    suspendPostUri: `${base}/suspend?reason={text}&${query}`,
    resumePostUri: `${base}/resume?reason={text}&${query}`,
  };
}

export function checkStatusResponse(
  request: HttpRequest | undefined,
  baseUrl: string,
  instanceId: string,
): HttpResponse {
  const origin = request?.url ? new URL(request.url).origin : baseUrl;
  const payload = managementPayload(origin, instanceId);
  return new HttpResponse({
    status: 202,
    jsonBody: payload,
    headers: { 'Content-Type': 'application/json', Location: payload.statusQueryGetUri, 'Retry-After': '10' },
  });
}
