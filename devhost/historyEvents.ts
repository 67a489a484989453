/**
 * History events as the Durable Functions extension sends them to an out-of-process orchestrator: PascalCase
 * fields, numeric EventType, EventId linkage (TaskScheduled.EventId = TaskCompleted.TaskScheduledId, TimerCreated.EventId
 * = TimerFired.TimerId) and ISO timestamps, which durable-functions parses back into Dates.
 */
export const HistoryEventType = {
  ExecutionStarted: 0,
  ExecutionCompleted: 1,
  ExecutionFailed: 2,
  ExecutionTerminated: 3,
  TaskScheduled: 4,
  TaskCompleted: 5,
  TaskFailed: 6,
  SubOrchestrationInstanceCreated: 7,
  SubOrchestrationInstanceCompleted: 8,
  SubOrchestrationInstanceFailed: 9,
  TimerCreated: 10,
  TimerFired: 11,
  OrchestratorStarted: 12,
  OrchestratorCompleted: 13,
  EventSent: 14,
  EventRaised: 15,
  ContinueAsNew: 16,
} as const;

export type HistoryEventTypeValue = (typeof HistoryEventType)[keyof typeof HistoryEventType];

/** FailureDetails as the extension serialises them; durable-functions turns them into a TaskFailedError. */
export interface WireFailureDetails {
  ErrorType: string;
  ErrorMessage: string;
  StackTrace?: string;
  IsNonRetriable?: boolean;
  Properties?: Record<string, unknown>;
  InnerFailure?: WireFailureDetails;
}

export interface WireHistoryEvent {
  EventType: HistoryEventTypeValue;
  EventId: number;
  IsPlayed: boolean;
  Timestamp: string;
  Name?: string;
  Input?: string;
  Version?: string;
  Result?: string | null;
  TaskScheduledId?: number;
  TimerId?: number;
  FireAt?: string;
  InstanceId?: string;
  Reason?: string;
  Details?: string;
  FailureDetails?: WireFailureDetails;
  OrchestrationStatus?: string;
}

/** Events that take a sequence number from the orchestrator (the ids durable-functions assigns in scheduling order). */
export function isSequencedEvent(event: WireHistoryEvent): boolean {
  return (
    event.EventType === HistoryEventType.TaskScheduled ||
    event.EventType === HistoryEventType.TimerCreated ||
    event.EventType === HistoryEventType.SubOrchestrationInstanceCreated ||
    event.EventType === HistoryEventType.EventSent
  );
}

/** The sequence number a result event answers, or undefined for events that answer none. */
export function answeredSequenceNumber(event: WireHistoryEvent): number | undefined {
  switch (event.EventType) {
    case HistoryEventType.TaskCompleted:
    case HistoryEventType.TaskFailed:
    case HistoryEventType.SubOrchestrationInstanceCompleted:
    case HistoryEventType.SubOrchestrationInstanceFailed:
      return event.TaskScheduledId;
    case HistoryEventType.TimerFired:
      return event.TimerId;
    default:
      return undefined;
  }
}

export function newEvent(
  type: HistoryEventTypeValue,
  timestamp: Date,
  fields: Omit<WireHistoryEvent, 'EventType' | 'EventId' | 'IsPlayed' | 'Timestamp'> & {
    EventId?: number;
  } = {},
): WireHistoryEvent {
  return { EventType: type, EventId: -1, IsPlayed: false, Timestamp: timestamp.toISOString(), ...fields };
}

/** JSON text of a value as the extension stores inputs and results; `undefined` travels as JSON null. */
export function toWireJson(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}

export function fromWireJson(text: string | null | undefined): unknown {
  return text === undefined || text === null ? undefined : JSON.parse(text);
}
