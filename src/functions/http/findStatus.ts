import type { DurableOrchestrationStatus, GetStatusOptions } from 'durable-functions';
import type { DurableClientLike } from '../../orchestrations/DurableClientLike';
import { ApiError } from './validateBody';

/** The instance's status, or undefined when there is no such instance (the durable client's 404). */
export async function findStatus(
  client: DurableClientLike,
  instanceId: string,
  options?: GetStatusOptions,
): Promise<DurableOrchestrationStatus | undefined> {
  try {
    const status = await client.getStatus(instanceId, options);
    // Some extension versions answer an unknown id with an empty status rather than a 404.
    return status?.instanceId ? status : undefined;
  } catch (error) {
    if (/\b404\b/.test(error instanceof Error ? error.message : String(error))) return undefined;
    throw error;
  }
}

/** 409 `code` while the instance runs: one writer per estate at a time. The target is the run in the way. */
export async function refuseWhileActive(
  client: DurableClientLike,
  instanceId: string,
  code: string,
  what = instanceId,
): Promise<void> {
  const status = await findStatus(client, instanceId);
  if (status && isActive(status))
    throw new ApiError(
      409,
      code,
      `${what} is still ${String(status.runtimeStatus)}; wait for it or DELETE it`,
      instanceId,
    );
}

export function isActive(status: DurableOrchestrationStatus): boolean {
  return ['Pending', 'Running', 'ContinuedAsNew', 'Suspended'].includes(String(status.runtimeStatus));
}
