import type { RetryOptionsLike } from './retryDelay';

/** durable-functions' ActionType numbers, as they appear in the OrchestratorState actions it returns. */
export const ActionType = {
  CallActivity: 0,
  CallActivityWithRetry: 1,
  CallSubOrchestrator: 2,
  CallSubOrchestratorWithRetry: 3,
  ContinueAsNew: 4,
  CreateTimer: 5,
  WaitForExternalEvent: 6,
  CallEntity: 7,
  CallHttp: 8,
  SignalEntity: 9,
  WhenAny: 11,
  WhenAll: 12,
  LockEntities: 13,
  ReleaseEntities: 14,
} as const;

/** The fields of the library's action objects that the host reads. */
export interface OrchestratorAction {
  actionType: number;
  functionName?: string;
  /** Entity actions: the operation name. */
  operation?: string;
  input?: unknown;
  instanceId?: string;
  retryOptions?: RetryOptionsLike;
  fireAt?: Date;
  isCanceled?: boolean;
  externalEventName?: string;
  compoundActions?: OrchestratorAction[];
}

/**
 * The atomic actions of an episode in scheduling order: compound actions (Task.all/any) are flattened, and an
 * action object met again (a task yielded before and now part of a new Task.any) is kept once, because the
 * library gives each task one sequence number however often it is yielded.
 */
export function flattenActions(actions: unknown): OrchestratorAction[] {
  const seen = new Set<OrchestratorAction>();
  const out: OrchestratorAction[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (node === null || typeof node !== 'object') {
      return;
    }
    const action = node as OrchestratorAction;
    if (action.actionType === ActionType.WhenAll || action.actionType === ActionType.WhenAny) {
      (action.compoundActions ?? []).forEach(visit);
    } else if (!seen.has(action)) {
      seen.add(action);
      out.push(action);
    }
  };
  visit(actions);
  return out;
}

/** Whether the action takes a sequence number (and so a history event id) from the orchestrator. */
export function takesSequenceNumber(action: OrchestratorAction): boolean {
  return (
    action.actionType !== ActionType.WaitForExternalEvent && action.actionType !== ActionType.ContinueAsNew
  );
}

/** What must stay identical when the same history is replayed: kind, target and (for timers) the due time. */
export function actionSignature(action: OrchestratorAction): string {
  const target =
    action.functionName ??
    action.externalEventName ??
    (action.operation !== undefined ? `${action.instanceId ?? ''}.${action.operation}` : '');
  const due = action.fireAt instanceof Date ? `@${action.fireAt.toISOString()}` : '';
  return `${action.actionType}:${target}${due}`;
}

const unsupported = new Set<number>([
  ActionType.CallHttp,
  ActionType.LockEntities,
  ActionType.ReleaseEntities,
]);

export function isSupportedAction(action: OrchestratorAction): boolean {
  return !unsupported.has(action.actionType);
}
