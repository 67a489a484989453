import { randomUUID } from 'node:crypto';
import type { InstanceRecord, RetryRecord, RetryTarget } from './InstanceRecord';
import type { WireHistoryEvent } from './historyEvents';
import { answeredSequenceNumber, HistoryEventType, newEvent } from './historyEvents';
import type { OrchestratorAction } from './orchestratorActions';
import {
  ActionType,
  actionSignature,
  flattenActions,
  isSupportedAction,
  takesSequenceNumber,
} from './orchestratorActions';
import type { RetryOptionsLike } from './retryDelay';
import { retryDelay } from './retryDelay';
import type { EpisodeState } from './runOrchestratorEpisode';

export type EpisodeVerdict =
  | { readonly kind: 'continue'; readonly scheduled: WireHistoryEvent[]; readonly canceledTimers: number[] }
  | { readonly kind: 'completed'; readonly output: unknown }
  | { readonly kind: 'continuedAsNew'; readonly input: unknown }
  | { readonly kind: 'failed'; readonly message: string };

/** Activity and continueAsNew inputs arrive pre-serialised when they are strings (durable-functions' processInput). */
export function processedInputToWire(input: unknown): string | undefined {
  return input === undefined ? undefined : typeof input === 'string' ? input : JSON.stringify(input);
}

export function rawInputToWire(input: unknown): string | undefined {
  return input === undefined ? undefined : JSON.stringify(input);
}

/** Sub-orchestrations scheduled without an instance id get one derived from the parent, stable across restarts. */
export function childInstanceId(record: InstanceRecord, sequenceNumber: number): string {
  return `${record.instanceId}:${record.execution}:${sequenceNumber}`;
}

function retryOptionsOf(options: RetryOptionsLike): RetryOptionsLike {
  const { firstRetryIntervalInMilliseconds, maxNumberOfAttempts, backoffCoefficient } = options;
  const { maxRetryIntervalInMilliseconds, retryTimeoutInMilliseconds } = options;
  return {
    firstRetryIntervalInMilliseconds,
    maxNumberOfAttempts,
    backoffCoefficient,
    maxRetryIntervalInMilliseconds,
    retryTimeoutInMilliseconds,
  };
}

function scheduleTarget(
  record: InstanceRecord,
  target: RetryTarget,
  sequenceNumber: number,
  now: Date,
): WireHistoryEvent {
  return target.kind === 'activity'
    ? newEvent(HistoryEventType.TaskScheduled, now, {
        EventId: sequenceNumber,
        Name: target.name,
        Input: target.input,
      })
    : newEvent(HistoryEventType.SubOrchestrationInstanceCreated, now, {
        EventId: sequenceNumber,
        Name: target.name,
        Input: target.input,
        InstanceId: target.instanceId ?? childInstanceId(record, sequenceNumber),
      });
}

function targetOf(action: OrchestratorAction): RetryTarget {
  const name = action.functionName ?? '';
  return action.actionType === ActionType.CallActivity ||
    action.actionType === ActionType.CallActivityWithRetry
    ? { kind: 'activity', name, input: processedInputToWire(action.input) }
    : {
        kind: 'subOrchestration',
        name,
        input: rawInputToWire(action.input),
        instanceId: action.instanceId || undefined,
      };
}

/** The history event the extension writes for a newly scheduled action, and its retry bookkeeping. */
function scheduleAction(
  record: InstanceRecord,
  action: OrchestratorAction,
  sequenceNumber: number,
  now: Date,
): WireHistoryEvent {
  if (action.actionType === ActionType.CallEntity || action.actionType === ActionType.SignalEntity) {
    const signal = action.actionType === ActionType.SignalEntity;
    const request = {
      id: randomUUID(),
      op: action.operation,
      signal,
      input: rawInputToWire(action.input),
      parent: signal ? undefined : record.instanceId,
    };
    return newEvent(HistoryEventType.EventSent, now, {
      EventId: sequenceNumber,
      InstanceId: action.instanceId,
      Name: 'op',
      Input: JSON.stringify(request),
    });
  }
  if (action.actionType === ActionType.CreateTimer) {
    const fireAt = action.fireAt ?? now;
    return newEvent(HistoryEventType.TimerCreated, now, {
      EventId: sequenceNumber,
      FireAt: fireAt.toISOString(),
    });
  }
  const target = targetOf(action);
  if (action.retryOptions) {
    record.retries[sequenceNumber] = {
      role: 'attempt',
      attempt: 1,
      options: retryOptionsOf(action.retryOptions),
      target,
    };
  }
  return scheduleTarget(record, target, sequenceNumber, now);
}

/**
 * The extension's side of a retried call (durable-functions only counts attempts): after a failed attempt it
 * creates a durable timer, and when that timer fires it schedules the next attempt, each taking the next sequence
 * number exactly when the library assigns one to its internal retry task.
 */
function retryEvents(record: InstanceRecord, delivered: WireHistoryEvent, now: Date): WireHistoryEvent[] {
  const answered = answeredSequenceNumber(delivered);
  const retry: RetryRecord | undefined = answered === undefined ? undefined : record.retries[answered];
  if (retry === undefined) {
    return [];
  }
  const failed =
    delivered.EventType === HistoryEventType.TaskFailed ||
    delivered.EventType === HistoryEventType.SubOrchestrationInstanceFailed;
  if (failed && retry.role === 'attempt') {
    const id = record.nextSequenceNumber++;
    record.retries[id] = { ...retry, role: 'timer' };
    const fireAt = new Date(now.getTime() + retryDelay(retry.options, retry.attempt));
    return [newEvent(HistoryEventType.TimerCreated, now, { EventId: id, FireAt: fireAt.toISOString() })];
  }
  const fired = delivered.EventType === HistoryEventType.TimerFired;
  if (fired && retry.role === 'timer' && retry.attempt < retry.options.maxNumberOfAttempts) {
    const id = record.nextSequenceNumber++;
    record.retries[id] = { ...retry, role: 'attempt', attempt: retry.attempt + 1 };
    return [scheduleTarget(record, retry.target, id, now)];
  }
  return [];
}

function firstDivergence(recorded: readonly string[], replayed: readonly string[]): number {
  for (let i = 0; i < recorded.length; i++) {
    if (recorded[i] !== replayed[i]) {
      return i;
    }
  }
  return -1;
}

/**
 * Applies what the orchestrator returned for the episode that delivered `delivered`: checks the replay against
 * the actions recorded so far, then appends the scheduling events the extension would write for new actions and
 * retries. Mutates `record`; the caller persists it and starts the scheduled work.
 */
export function recordEpisode(
  record: InstanceRecord,
  delivered: WireHistoryEvent,
  state: EpisodeState,
  now: Date,
): EpisodeVerdict {
  const actions = flattenActions(state.actions);
  const signatures = actions.map(actionSignature);
  const diverged = firstDivergence(record.actions, signatures);
  if (diverged >= 0) {
    return {
      kind: 'failed',
      message:
        `Non-deterministic workflow detected: action ${diverged} was '${record.actions[diverged]}' in the ` +
        `recorded history but '${signatures[diverged] ?? 'nothing'}' on replay.`,
    };
  }
  const scheduled = retryEvents(record, delivered, now);
  let continueAsNew: OrchestratorAction | undefined;
  for (const action of actions.slice(record.actions.length)) {
    if (!isSupportedAction(action)) {
      return {
        kind: 'failed',
        message: `Action type ${action.actionType} (callHttp, entity locks) is not supported by the local durable host.`,
      };
    }
    const sequenceNumber = takesSequenceNumber(action) ? record.nextSequenceNumber++ : null;
    record.actions.push(actionSignature(action));
    record.actionSequenceNumbers.push(sequenceNumber);
    if (action.actionType === ActionType.ContinueAsNew) {
      continueAsNew = action;
    } else if (sequenceNumber !== null) {
      scheduled.push(scheduleAction(record, action, sequenceNumber, now));
    }
  }
  record.customStatus = state.customStatus;
  record.history.push(...scheduled);
  if (state.isDone) {
    if (continueAsNew !== undefined) {
      const input = continueAsNew.input;
      return { kind: 'continuedAsNew', input: typeof input === 'string' ? JSON.parse(input) : input };
    }
    return { kind: 'completed', output: state.output };
  }
  const canceledTimers = actions
    .map((action, i) => (action.actionType === ActionType.CreateTimer && action.isCanceled ? i : -1))
    .map((i) => (i >= 0 ? (record.actionSequenceNumbers[i] ?? null) : null))
    .filter((n): n is number => n !== null);
  record.history.push(newEvent(HistoryEventType.OrchestratorCompleted, now));
  return { kind: 'continue', scheduled, canceledTimers };
}
