import type { OrchestrationRuntimeStatus } from 'durable-functions';
import type { WireFailureDetails, WireHistoryEvent } from './historyEvents';
import type { RetryOptionsLike } from './retryDelay';

/** What a retried call re-schedules on each attempt. */
export interface RetryTarget {
  readonly kind: 'activity' | 'subOrchestration';
  readonly name: string;
  readonly input?: string;
  /** Sub-orchestrations: the caller's instance id, reused by every attempt (undefined: a new id per attempt). */
  readonly instanceId?: string;
}

/** Per sequence number of a retried call: an attempt, or the durable timer that waits before the next attempt. */
export interface RetryRecord {
  readonly role: 'attempt' | 'timer';
  readonly attempt: number;
  readonly options: RetryOptionsLike;
  readonly target: RetryTarget;
}

/** One orchestration instance as persisted: one JSON document, rewritten after every episode. */
export interface InstanceRecord {
  instanceId: string;
  name: string;
  /** Increments at each continueAsNew (part of generated sub-orchestration ids). */
  execution: number;
  /** New for every start and continueAsNew, like DTFx's ExecutionId: results for another execution are dropped. */
  executionId: string;
  input: unknown;
  /** A finished instance's input as its JSON, in place of `input` (see LocalDurableHost's eviction) */
  inputJson?: string;
  runtimeStatus: OrchestrationRuntimeStatus;
  createdTime: string;
  lastUpdatedTime: string;
  customStatus?: unknown;
  output?: unknown;
  /** Why the instance failed, passed to a parent orchestration as SubOrchestrationInstanceFailed details. */
  failure?: WireFailureDetails;
  parent?: { instanceId: string; executionId: string; taskScheduledId: number };
  /** History of the current execution, as the extension would send it. */
  history: WireHistoryEvent[];
  /** Events received and not yet handed to the orchestrator. */
  inbox: WireHistoryEvent[];
  nextSequenceNumber: number;
  /** Signatures of the distinct actions the orchestrator has scheduled in this execution, in order. */
  actions: string[];
  /** Sequence number of each entry of `actions` (null for actions that take none). */
  actionSequenceNumbers: Array<number | null>;
  retries: Record<string, RetryRecord>;
}
