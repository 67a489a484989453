import { OrchestrationRuntimeStatus } from 'durable-functions';
import type { WireFailureDetails, WireHistoryEvent } from './historyEvents';
import { HistoryEventType, newEvent, toWireJson } from './historyEvents';
import type { InstanceRecord } from './InstanceRecord';
import type { ActivityOutcome } from './runActivity';

/** TaskCompleted or TaskFailed for the activity scheduled as `taskScheduledId`. */
export function activityResultEvent(
  taskScheduledId: number,
  outcome: ActivityOutcome,
  now: Date,
): WireHistoryEvent {
  return outcome.kind === 'completed'
    ? newEvent(HistoryEventType.TaskCompleted, now, {
        TaskScheduledId: taskScheduledId,
        Result: outcome.result,
      })
    : newEvent(HistoryEventType.TaskFailed, now, {
        TaskScheduledId: taskScheduledId,
        Reason: outcome.reason,
        Details: outcome.details,
        FailureDetails: outcome.failure,
      });
}

export function subOrchestrationFailedEvent(
  taskScheduledId: number,
  reason: string,
  failure: WireFailureDetails | undefined,
  now: Date,
): WireHistoryEvent {
  return newEvent(HistoryEventType.SubOrchestrationInstanceFailed, now, {
    TaskScheduledId: taskScheduledId,
    Reason: reason,
    Details: failure?.StackTrace ?? '',
    FailureDetails: failure ?? { ErrorType: 'Error', ErrorMessage: reason },
  });
}

/** What a finished child instance tells its parent. */
export function subOrchestrationResultEvent(
  child: InstanceRecord,
  taskScheduledId: number,
  now: Date,
): WireHistoryEvent {
  return child.runtimeStatus === OrchestrationRuntimeStatus.Completed
    ? newEvent(HistoryEventType.SubOrchestrationInstanceCompleted, now, {
        TaskScheduledId: taskScheduledId,
        Result: toWireJson(child.output),
      })
    : subOrchestrationFailedEvent(taskScheduledId, String(child.output), child.failure, now);
}
