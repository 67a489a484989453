import type { EntityRequest } from './EntityRecord';
import type { WireHistoryEvent } from './historyEvents';
import type { InstanceRecord } from './InstanceRecord';

interface WireRequestMessage {
  id: string;
  op: string;
  signal: boolean;
  input?: string;
}

/** The request an orchestration's EventSent carries (durable-functions reads its `id` to match the response). */
export function entityRequestOf(record: InstanceRecord, event: WireHistoryEvent): EntityRequest {
  const message = JSON.parse(event.Input ?? '{}') as WireRequestMessage;
  return {
    id: message.id,
    operation: message.op,
    input: message.input,
    signal: message.signal,
    parent: message.signal ? undefined : { instanceId: record.instanceId, executionId: record.executionId },
  };
}
