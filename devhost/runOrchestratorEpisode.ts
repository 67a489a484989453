import { InvocationContext } from '@azure/functions';
import type { FunctionHandler } from './functionRegistry';
import type { WireFailureDetails, WireHistoryEvent } from './historyEvents';
import type { InstanceRecord } from './InstanceRecord';

/** The extension's replay schema the host advertises: V2 (nested Task.all/any actions, no long-timer splitting). */
export const UPPER_SCHEMA_VERSION = 1;

/** The library's OrchestratorState, as far as the host reads it. */
export interface EpisodeState {
  isDone: boolean;
  actions: unknown;
  output?: unknown;
  error?: string;
  customStatus?: unknown;
}

export type EpisodeOutcome =
  | { readonly kind: 'ran'; readonly state: EpisodeState }
  | { readonly kind: 'failed'; readonly message: string; readonly failureDetails: WireFailureDetails };

export interface EpisodeRequest {
  readonly functionName: string;
  readonly handler: FunctionHandler;
  readonly instanceId: string;
  readonly parentInstanceId?: string;
  readonly input: unknown;
  readonly history: readonly WireHistoryEvent[];
  readonly logHandler: (level: string, ...args: unknown[]) => void;
}

/** The episode request for an instance: its name, id, parent and current input, with the given history. */
export function episodeRequest(
  record: InstanceRecord,
  handler: FunctionHandler,
  history: readonly WireHistoryEvent[],
  logHandler: EpisodeRequest['logHandler'],
): EpisodeRequest {
  return {
    functionName: record.name,
    handler,
    instanceId: record.instanceId,
    parentInstanceId: record.parent?.instanceId,
    input: record.input,
    history,
    logHandler,
  };
}

const OUT_OF_PROC_LABEL = '\n\n$OutOfProcData$:';

/**
 * Reads the library's OrchestrationFailureError: "<prefix>\n\n$OutOfProcData$:<OrchestratorState json>". As for the
 * extension, the state's `error` (the orchestrator's exception message) and `failureDetails` are what count.
 */
function failureOutcome(error: unknown): EpisodeOutcome {
  const err = error instanceof Error ? error : new Error(String(error));
  const at = err.message.indexOf(OUT_OF_PROC_LABEL);
  let state: { error?: string; failureDetails?: WireFailureDetails } = {};
  if (at >= 0) {
    try {
      state = JSON.parse(err.message.slice(at + OUT_OF_PROC_LABEL.length)) as typeof state;
    } catch {
      state = {};
    }
  }
  const message = state.error ?? (at >= 0 ? err.message.slice(0, at) : err.message);
  return {
    kind: 'failed',
    message,
    failureDetails: state.failureDetails ?? {
      ErrorType: 'Error',
      ErrorMessage: message,
      StackTrace: err.stack,
    },
  };
}

/**
 * One orchestrator episode: hands the history to the registered orchestration function (durable-functions'
 * createOrchestrator wrapper, so its own replay engine runs) in the binding shape the extension sends, and returns
 * the OrchestratorState it produced or the failure it reported.
 */
export async function runOrchestratorEpisode(request: EpisodeRequest): Promise<EpisodeOutcome> {
  // The library parses each event's Timestamp string into a Date in place; a shallow copy per event keeps the
  // stored history JSON without re-serialising every result and input on every episode (nothing nested has a
  // Timestamp, and the library only reads the rest).
  const history = request.history.map((e) => ({ ...e }));
  const trigger = {
    history,
    input: request.input,
    instanceId: request.instanceId,
    isReplaying: history.some((e) => e.IsPlayed),
    parentInstanceId: request.parentInstanceId,
    upperSchemaVersion: UPPER_SCHEMA_VERSION,
    longRunningTimerIntervalDuration: '3.00:00:00',
    maximumShortTimerDuration: '6.00:00:00',
    defaultHttpAsyncRequestSleepTimeMillseconds: 30000,
  };
  const context = new InvocationContext({
    functionName: request.functionName,
    invocationId: `${request.instanceId}:${history.length}`,
    logHandler: request.logHandler,
  });
  try {
    const state = (await request.handler(trigger, context)) as EpisodeState;
    return { kind: 'ran', state };
  } catch (error) {
    return failureOutcome(error);
  }
}
