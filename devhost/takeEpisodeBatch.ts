import type { WireHistoryEvent } from './historyEvents';
import { answeredSequenceNumber, HistoryEventType } from './historyEvents';
import type { InstanceRecord } from './InstanceRecord';

/** Upper bound on events delivered in one episode, so one replay never grows without limit. */
export const MAX_EVENTS_PER_EPISODE = 100;

function isRetryEvent(record: InstanceRecord, event: WireHistoryEvent): boolean {
  const answered = answeredSequenceNumber(event);
  return answered !== undefined && record.retries[answered] !== undefined;
}

/**
 * Takes the next episode's events off the inbox, batching what has queued up as the extension does. A terminate
 * message goes alone. An event of a retried call (attempt result or retry timer) may only lead a batch: the
 * library assigns its retry task a sequence number while processing it, and only at the head of the batch is
 * that number known to be the next free one.
 */
export function takeEpisodeBatch(record: InstanceRecord): WireHistoryEvent[] {
  const head = record.inbox.shift();
  if (!head) {
    return [];
  }
  const batch = [head];
  if (head.EventType === HistoryEventType.ExecutionTerminated) {
    return batch;
  }
  for (;;) {
    const next = record.inbox[0];
    if (
      !next ||
      batch.length >= MAX_EVENTS_PER_EPISODE ||
      next.EventType === HistoryEventType.ExecutionTerminated ||
      isRetryEvent(record, next)
    ) {
      return batch;
    }
    batch.push(next);
    record.inbox.shift();
  }
}
