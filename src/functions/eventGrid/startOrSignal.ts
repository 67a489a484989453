import type { DurableOrchestrationStatus } from 'durable-functions';
import type { DurableClientLike } from '../../orchestrations/DurableClientLike';

const ACTIVE = new Set(['Pending', 'Running', 'ContinuedAsNew']);

async function activeStatus(
  client: DurableClientLike,
  instanceId: string,
): Promise<DurableOrchestrationStatus | undefined> {
  try {
    const status = await client.getStatus(instanceId);
    return ACTIVE.has(String(status.runtimeStatus)) ? status : undefined;
  } catch (error) {
    // Both clients answer an unknown id with an HTTP 404 error: never started, so start it.
    if (String(error instanceof Error ? error.message : error).includes('404')) return undefined;
    throw error;
  }
}

/**
 * Singleton start: raise `eventName` to the instance if it is running, otherwise (never run, or finished)
 * start it. Two events racing to start the same id: the loser's start fails, it sees the winner running
 * and signals it instead.
 */
export async function startOrSignal(
  client: DurableClientLike,
  orchestrator: string,
  instanceId: string,
  input: unknown,
  eventName: string,
  eventData: unknown,
): Promise<'started' | 'signalled'> {
  if (await activeStatus(client, instanceId)) {
    await client.raiseEvent(instanceId, eventName, eventData);
    return 'signalled';
  }
  try {
    await client.startNew(orchestrator, { instanceId, input });
    return 'started';
  } catch (error) {
    if (!(await activeStatus(client, instanceId))) throw error;
    await client.raiseEvent(instanceId, eventName, eventData);
    return 'signalled';
  }
}
