import type { HttpRequest, HttpResponse } from '@azure/functions';
import type {
  DurableOrchestrationStatus,
  GetStatusOptions,
  HttpManagementPayload,
  PurgeHistoryResult,
  StartNewOptions,
} from 'durable-functions';

/**
 * The part of the durable client that HTTP handlers use. In Azure it is `df.getClient(context)` (a
 * `df.DurableClient`, which satisfies it as is); locally it is the `LocalDurableHost` from devhost/. Names and
 * option shapes are those of `df.DurableClient`, so handler code is the same in both places.
 *
 * Errors follow `df.DurableClient`: `getStatus` of an unknown id rejects with a message containing
 * "HTTP 404"; `raiseEvent`/`terminate` of an unknown id reject with "No instance with ID '<id>' found.";
 * both silently do nothing for an instance that is no longer running (the extension's 410).
 */
export interface DurableClientLike {
  /** Starts `orchestratorFunctionName`; resolves with the instance id (`options.instanceId` or a new GUID). */
  startNew(orchestratorFunctionName: string, options?: StartNewOptions): Promise<string>;
  getStatus(instanceId: string, options?: GetStatusOptions): Promise<DurableOrchestrationStatus>;
  raiseEvent(instanceId: string, eventName: string, eventData: unknown): Promise<void>;
  terminate(instanceId: string, reason: string): Promise<void>;
  purgeInstanceHistory(instanceId: string): Promise<PurgeHistoryResult>;
  /** 202 with `Location` and the management links, as the durable HTTP starter returns. */
  createCheckStatusResponse(request: HttpRequest | undefined, instanceId: string): HttpResponse;
  createHttpManagementPayload(instanceId: string): HttpManagementPayload;
}
