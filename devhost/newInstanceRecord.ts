import { randomUUID } from 'node:crypto';
import { OrchestrationRuntimeStatus } from 'durable-functions';
import { HistoryEventType, newEvent } from './historyEvents';
import type { InstanceRecord } from './InstanceRecord';
import { rawInputToWire } from './recordEpisode';

/** A Pending instance whose first queued event is ExecutionStarted, as after the client's start message. */
export function newInstanceRecord(
  name: string,
  instanceId: string,
  input: unknown,
  parent: InstanceRecord['parent'],
  now: Date,
): InstanceRecord {
  return {
    instanceId,
    name,
    execution: 0,
    executionId: randomUUID(),
    input: input === undefined ? undefined : (JSON.parse(JSON.stringify(input)) as unknown),
    runtimeStatus: OrchestrationRuntimeStatus.Pending,
    createdTime: now.toISOString(),
    lastUpdatedTime: now.toISOString(),
    parent,
    history: [],
    inbox: [newEvent(HistoryEventType.ExecutionStarted, now, { Name: name, Input: rawInputToWire(input) })],
    nextSequenceNumber: 0,
    actions: [],
    actionSequenceNumbers: [],
    retries: {},
  };
}
