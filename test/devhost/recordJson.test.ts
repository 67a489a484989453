import { OrchestrationRuntimeStatus } from 'durable-functions';
import type { InstanceRecord } from '../../devhost/InstanceRecord';
import type { WireHistoryEvent } from '../../devhost/historyEvents';
import { HistoryEventType, newEvent } from '../../devhost/historyEvents';
import { newInstanceRecord } from '../../devhost/newInstanceRecord';
import { recordJson } from '../../devhost/recordJson';

const T0 = Date.parse('2025-03-01T10:00:00.000Z');
const at = (seconds: number): Date => new Date(T0 + seconds * 1000);

/** One episode's events: the orchestrator woke up, scheduled an activity, and its result came back. */
function episode(start: number, sequenceNumber: number): WireHistoryEvent[] {
  return [
    newEvent(HistoryEventType.OrchestratorStarted, at(start)),
    newEvent(HistoryEventType.TaskScheduled, at(start), {
      EventId: sequenceNumber,
      Name: 'applyStep',
      Input: JSON.stringify({ step: `virtualNetwork:/vnet-${sequenceNumber}` }),
    }),
    newEvent(HistoryEventType.TaskCompleted, at(start + 1), {
      TaskScheduledId: sequenceNumber,
      // Quotes, backslashes, newlines and non-ASCII: the escaping that makes re-serialising costly.
      Result: JSON.stringify({ etag: 'W/"0001"', path: 'C:\\tmp', note: 'line\nbreak – ✓' }),
    }),
    newEvent(HistoryEventType.TaskFailed, at(start + 2), {
      TaskScheduledId: sequenceNumber,
      FailureDetails: {
        ErrorType: 'DualstackError',
        ErrorMessage: '{"errorMessage":"slow down","properties":{"code":"TooManyRequests"}}',
        Properties: { code: 'TooManyRequests', retryable: true, status: 429 },
      },
    }),
    newEvent(HistoryEventType.OrchestratorCompleted, at(start + 2)),
  ];
}

function recordWithHistory(): InstanceRecord {
  const record = newInstanceRecord('migrateEstate', 'run-1', { spokes: ['a', 'b'] }, undefined, at(0));
  record.runtimeStatus = OrchestrationRuntimeStatus.Running;
  record.customStatus = { phase: 'migrating', note: '"quoted"' };
  record.history.push(...record.inbox.splice(0), ...episode(1, 0));
  return record;
}

const asStringified = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('recordJson', () => {
  it('is JSON.stringify of a record with a history', () => {
    const record = recordWithHistory();

    expect(JSON.parse(recordJson(record))).toEqual(asStringified(record));
  });

  it('follows events played since the last call, and events appended after it', () => {
    const record = recordWithHistory();
    recordJson(record);

    for (const event of record.history) event.IsPlayed = true;
    record.history.push(...episode(10, 1));
    record.lastUpdatedTime = at(12).toISOString();

    expect(JSON.parse(recordJson(record))).toEqual(asStringified(record));

    // The episode appended above was just serialised unplayed; the next episode replays it.
    for (const event of record.history.slice(-5)) event.IsPlayed = true;
    record.history.push(newEvent(HistoryEventType.ExecutionCompleted, at(13), { Result: '"done"' }));

    expect(JSON.parse(recordJson(record))).toEqual(asStringified(record));
  });

  it('starts over when a history it has seen is cut and regrown (continueAsNew)', () => {
    const record = recordWithHistory();
    for (const event of record.history) event.IsPlayed = true;
    recordJson(record);

    record.history.length = 0;
    record.history.push(...episode(20, 0));
    for (const event of record.history) event.IsPlayed = true;

    expect(JSON.parse(recordJson(record))).toEqual(asStringified(record));
  });

  it('keeps serialising the input it started with, and a record without one', () => {
    const record = recordWithHistory();
    recordJson(record);
    record.customStatus = { phase: 'done' };

    expect(JSON.parse(recordJson(record))).toEqual(asStringified(record));
    expect(JSON.parse(recordJson({ ...record, input: 'text' }))).toEqual(
      asStringified({ ...record, input: 'text' }),
    );
    expect(JSON.parse(recordJson({ ...record, input: undefined }))).toEqual(
      asStringified({ ...record, input: undefined }),
    );
  });

  it('is JSON.stringify of a record whose only property is its history', () => {
    const bare = { history: recordWithHistory().history };

    expect(JSON.parse(recordJson(bare))).toEqual(asStringified(bare));
    expect(JSON.parse(recordJson({ history: [] }))).toEqual({ history: [] });
  });
});
