import { randomUUID } from 'node:crypto';
import { format } from 'node:util';
import type { HttpRequest, HttpResponse } from '@azure/functions';
import type {
  DurableOrchestrationStatus,
  EntityId,
  GetStatusOptions,
  HttpManagementPayload,
  PurgeHistoryResult,
  StartNewOptions,
} from 'durable-functions';
import { OrchestrationRuntimeStatus } from 'durable-functions';
import type { DurableClientLike } from '../src/orchestrations/DurableClientLike';
import type { Clock } from './Clock';
import { FileStateStore } from './FileStateStore';
import { findRegisteredFunction } from './functionRegistry';
import type { WireFailureDetails, WireHistoryEvent } from './historyEvents';
import {
  answeredSequenceNumber,
  HistoryEventType,
  isSequencedEvent,
  newEvent,
  toWireJson,
} from './historyEvents';
import type { InstanceRecord } from './InstanceRecord';
import { checkStatusResponse, instanceStatus, isTerminal, managementPayload } from './instanceStatus';
import { IdleTracker } from './IdleTracker';
import { MemoryStateStore } from './MemoryStateStore';
import { newInstanceRecord } from './newInstanceRecord';
import { rawInputToWire, recordEpisode } from './recordEpisode';
import { takeEpisodeBatch } from './takeEpisodeBatch';
import { failedOutcome, runActivity } from './runActivity';
import type { ActivityOutcome } from './runActivity';
import { episodeRequest, runOrchestratorEpisode } from './runOrchestratorEpisode';
import { replayRecord } from './replayRecord';
import type { ReplayResult } from './replayRecord';
import { isValidInstanceId } from './isValidInstanceId';
import {
  activityResultEvent,
  subOrchestrationFailedEvent,
  subOrchestrationResultEvent,
} from './resultEvents';
import { ScaledClock } from './ScaledClock';
import { inputJson, recordJson } from './recordJson';
import { Semaphore } from './Semaphore';
import type { StateStore } from './StateStore';
import { TimerTable } from './TimerTable';
import type { EntityRecord } from './EntityRecord';
import { EntityRunner, schedulerIdOf } from './EntityRunner';
import { entityRequestOf } from './entityRequestOf';

export type HostLogger = (level: string, functionName: string, message: string) => void;

/** Called after every persisted episode of any instance (custom status, completion...). */
export type StatusListener = (status: DurableOrchestrationStatus) => void;

export interface LocalDurableHostOptions {
  /** Persist one JSON file per instance here (atomic rename after each episode). Default: in memory. */
  stateDir?: string;
  /** A custom store; wins over `stateDir`. */
  store?: StateStore;
  /** Time source for orchestrations and durable timers. Default: `new ScaledClock({ timeScale })`. */
  clock?: Clock;
  /** Used when `clock` is not given: virtual ms per real ms (1000 turns a 60 s timer into 60 ms). Default 1. */
  timeScale?: number;
  /** Activity executions running at once across all instances (host.json maxConcurrentActivityFunctions). */
  maxConcurrentActivities?: number;
  /** Receives `context.log` output of orchestrators and activities, and host errors. Default: discarded. */
  log?: HostLogger;
  /** Origin of the management links when no request is given. Default http://localhost:7071. */
  baseUrl?: string;
}

export interface WaitForCompletionOptions {
  /** Real milliseconds to wait; on timeout the current (non-final) status is returned. Default: no limit. */
  timeoutInMilliseconds?: number;
}

const NOT_FOUND = (instanceId: string): Error => new Error(`No instance with ID '${instanceId}' found.`);

/**
 * A local stand-in for the Durable Functions extension: it drives the app's registered orchestration and activity
 * functions through durable-functions' own replay engine, one episode per batch of delivered results, and offers
 * the durable client verbs. See devhost/README.md.
 */
export class LocalDurableHost implements DurableClientLike {
  readonly clock: Clock;
  readonly #store: StateStore;
  readonly #semaphore: Semaphore;
  readonly #log: HostLogger;
  readonly #baseUrl: string;
  readonly #instances = new Map<string, InstanceRecord>();
  /** finished instances whose history (and action log) is only in the store, as in Azure's history table */
  readonly #evicted = new Set<string>();
  readonly #draining = new Set<string>();
  readonly #timers: TimerTable;
  readonly #waiters = new Map<string, Set<() => void>>();
  readonly #saveChains = new Map<string, Promise<void>>();
  readonly #idle = new IdleTracker();
  readonly #listeners = new Set<StatusListener>();
  readonly #entities = new EntityRunner({
    idle: this.#idle,
    save: (record) => this.#save(record),
    respond: (parent, requestId, response) =>
      this.#deliver(
        parent.instanceId,
        parent.executionId,
        newEvent(HistoryEventType.EventRaised, this.clock.now(), {
          Name: requestId,
          Input: JSON.stringify(response),
        }),
      ),
    log: (level, name, message) => this.#log(level, name, message),
    isStopped: () => this.#stopped,
  });
  #stopped = false;
  #loaded: Promise<void> | undefined;

  constructor(options: LocalDurableHostOptions = {}) {
    this.clock = options.clock ?? new ScaledClock({ timeScale: options.timeScale ?? 1 });
    this.#timers = new TimerTable(this.clock);
    this.#store =
      options.store ?? (options.stateDir ? new FileStateStore(options.stateDir) : new MemoryStateStore());
    this.#semaphore = new Semaphore(options.maxConcurrentActivities ?? 10);
    this.#log = options.log ?? (() => undefined);
    this.#baseUrl = options.baseUrl ?? 'http://localhost:7071';
  }

  // ---- client verbs -------------------------------------------------------------------------------------------

  async startNew(orchestratorFunctionName: string, options: StartNewOptions = {}): Promise<string> {
    await this.#ready();
    if (!findRegisteredFunction(orchestratorFunctionName, 'orchestrationTrigger')) {
      throw new Error(
        `orchestratorFunctionName: no orchestration named '${orchestratorFunctionName}' is registered ` +
          `(import the module that calls df.app.orchestration before starting it).`,
      );
    }
    const instanceId = options.instanceId ?? randomUUID().replace(/-/g, '');
    if (!isValidInstanceId(instanceId)) {
      throw new TypeError(`instanceId: '${String(instanceId)}' is not a valid orchestration instance id.`);
    }
    const existing = this.#instances.get(instanceId);
    if (existing && !isTerminal(existing.runtimeStatus)) {
      throw new Error(
        `An orchestration instance with the ID '${instanceId}' already exists (${existing.runtimeStatus}).`,
      );
    }
    this.#timers.disarmAll(instanceId);
    const record = newInstanceRecord(
      orchestratorFunctionName,
      instanceId,
      options.input,
      undefined,
      this.clock.now(),
    );
    this.#instances.set(instanceId, record);
    this.#evicted.delete(instanceId);
    await this.#save(record);
    this.#kick(instanceId);
    return instanceId;
  }

  async getStatus(instanceId: string, options?: GetStatusOptions): Promise<DurableOrchestrationStatus> {
    await this.#ready();
    const record = this.#instances.get(instanceId);
    if (!record) {
      throw new Error(
        `DurableClient error: Durable Functions extension replied with HTTP 404 response. ` +
          `This usually means we could not find any data associated with the instanceId provided: ${instanceId}.`,
      );
    }
    // A finished sub-orchestration keeps no input or output in memory (see #evict): read back from the store.
    // (a store that keeps nothing, the bench's meter, has only the status to give)
    const slimChild = this.#evicted.has(record.instanceId) && record.parent !== undefined;
    const full =
      options?.showHistory || (slimChild && this.#store.load) ? await this.#withHistory(record) : record;
    return instanceStatus(full, options);
  }

  /** A finished instance's record with its history, read back from the store (see #evict). */
  async #withHistory(record: InstanceRecord): Promise<InstanceRecord> {
    if (!this.#evicted.has(record.instanceId)) return record;
    await this.#saveChains.get(record.instanceId);
    const stored = await this.#store.load?.(record.instanceId);
    if (!stored || 'kind' in stored)
      throw new Error(`The history of finished instance '${record.instanceId}' is not kept by this store.`);
    return stored;
  }

  /**
   * Lets go of a finished instance's history and action log: Azure keeps them in its
   * history table, not in the worker's memory, and a 1,000-spoke run finishes thousands
   * of sub-orchestrations. The history is read back on demand. A run's own (root) input
   * and output stay, its input as the JSON the store was given; a sub-orchestration's went
   * to its parent and nothing of the app reads them again, so they are only in the store.
   */
  #evict(record: InstanceRecord): void {
    const child = record.parent !== undefined;
    record.inputJson = child ? undefined : inputJson(record.input);
    record.input = undefined;
    if (child) record.output = undefined;
    record.history = [];
    record.actions = [];
    record.actionSequenceNumbers = [];
    record.retries = {};
    this.#evicted.add(record.instanceId);
  }

  async getStatusAll(): Promise<DurableOrchestrationStatus[]> {
    await this.#ready();
    return [...this.#instances.values()].map((r) => instanceStatus(r));
  }

  async raiseEvent(instanceId: string, eventName: string, eventData: unknown): Promise<void> {
    if (typeof eventName !== 'string' || eventName.length === 0) {
      throw new TypeError('eventName must be a valid string.');
    }
    const event = newEvent(HistoryEventType.EventRaised, this.clock.now(), {
      Name: eventName,
      Input: rawInputToWire(eventData),
    });
    await this.#enqueueMessage(instanceId, (inbox) => inbox.push(event));
  }

  async terminate(instanceId: string, reason: string): Promise<void> {
    const event = newEvent(HistoryEventType.ExecutionTerminated, this.clock.now(), {
      Input: toWireJson(reason),
    });
    // Ahead of queued events, as the extension handles a terminate message before running the orchestrator.
    await this.#enqueueMessage(instanceId, (inbox) => inbox.unshift(event));
  }

  /** A client message for a running instance, persisted before it is acted on; ignored once it has finished. */
  async #enqueueMessage(instanceId: string, enqueue: (inbox: WireHistoryEvent[]) => void): Promise<void> {
    await this.#ready();
    const record = this.#instances.get(instanceId);
    if (!record) {
      throw NOT_FOUND(instanceId);
    }
    if (isTerminal(record.runtimeStatus)) {
      return;
    }
    enqueue(record.inbox);
    await this.#save(record);
    this.#kick(instanceId);
  }

  async purgeInstanceHistory(instanceId: string): Promise<PurgeHistoryResult> {
    await this.#ready();
    const record = this.#instances.get(instanceId);
    if (!record) {
      return { instancesDeleted: 0 };
    }
    if (!isTerminal(record.runtimeStatus)) {
      throw new Error(
        `Instance '${instanceId}' is ${record.runtimeStatus}; only finished instances can be purged.`,
      );
    }
    this.#instances.delete(instanceId);
    this.#evicted.delete(instanceId);
    await this.#saveChains.get(instanceId);
    await this.#store.remove(instanceId);
    return { instancesDeleted: 1 };
  }

  /** Sends an operation to an entity without waiting for it (as `df.DurableClient.signalEntity`). */
  async signalEntity(entityId: EntityId, operationName: string, operationContent?: unknown): Promise<void> {
    await this.#ready();
    const request = {
      id: randomUUID(),
      operation: operationName,
      input: rawInputToWire(operationContent),
      signal: true,
    };
    await this.#entities.enqueue(schedulerIdOf(entityId.name, entityId.key), request);
  }

  /** The entity's current state (as `df.DurableClient.readEntityState`). */
  async readEntityState<T>(entityId: EntityId): Promise<{ entityExists: boolean; entityState?: T }> {
    await this.#ready();
    const entity = this.#entities.get(schedulerIdOf(entityId.name, entityId.key));
    return entity?.exists
      ? {
          entityExists: true,
          entityState: entity.state === undefined ? undefined : (JSON.parse(entity.state) as T),
        }
      : { entityExists: false };
  }

  createCheckStatusResponse(request: HttpRequest | undefined, instanceId: string): HttpResponse {
    return checkStatusResponse(request, this.#baseUrl, instanceId);
  }

  createHttpManagementPayload(instanceId: string): HttpManagementPayload {
    return managementPayload(this.#baseUrl, instanceId);
  }

  /** Resolves with the final status once the instance completes, fails or is terminated. */
  async waitForCompletion(
    instanceId: string,
    options: WaitForCompletionOptions = {},
  ): Promise<DurableOrchestrationStatus> {
    await this.#ready();
    const record = this.#instances.get(instanceId);
    if (!record) {
      throw NOT_FOUND(instanceId);
    }
    if (!isTerminal(record.runtimeStatus)) {
      await new Promise<void>((resolve) => {
        const waiters = this.#waiters.get(instanceId) ?? new Set<() => void>();
        this.#waiters.set(instanceId, waiters);
        let timer: NodeJS.Timeout | undefined;
        const done = (): void => {
          clearTimeout(timer);
          waiters.delete(done);
          resolve();
        };
        waiters.add(done);
        if (options.timeoutInMilliseconds !== undefined) {
          timer = setTimeout(done, options.timeoutInMilliseconds);
        }
      });
    }
    return this.getStatus(instanceId);
  }

  // ---- host lifecycle -----------------------------------------------------------------------------------------

  /**
   * Loads the persisted instances and continues every one that has not finished: activities scheduled but not
   * completed run again (at-least-once), timers are re-armed, queued events are delivered. Returns how many
   * instances it continued.
   */
  async resume(): Promise<number> {
    await this.#ready();
    const open = [...this.#instances.values()].filter((r) => !isTerminal(r.runtimeStatus));
    const missing = open.filter((r) => !findRegisteredFunction(r.name, 'orchestrationTrigger'));
    if (missing.length > 0) {
      throw new Error(
        `resume(): orchestration ${missing.map((r) => `'${r.name}' (instance ${r.instanceId})`).join(', ')} ` +
          `is not registered; import the modules that register it first.`,
      );
    }
    this.#entities.resumeAll();
    for (const record of open) {
      this.#dispatch(record, this.#unanswered(record), new Set());
      this.#kick(record.instanceId);
    }
    return open.length;
  }

  /** Calls `listener` with an instance's status after each of its episodes; returns the unsubscribe function. */
  onStatusChange(listener: StatusListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Resolves when no episode and no activity is running (armed timers may still be pending). */
  whenIdle(): Promise<void> {
    return this.#idle.whenIdle();
  }

  /**
   * Stops the host as a process kill would: nothing further is delivered, run or persisted (in-flight activity
   * results are dropped). Resolves once writes already under way have landed.
   */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#timers.disarmAll();
    await Promise.all(this.#saveChains.values());
  }

  /**
   * Runs the orchestrator once more over the instance's stored history with every event marked as played, and
   * returns the actions it schedules next to the ones recorded while it ran: a deterministic orchestrator
   * schedules exactly the same.
   */
  async replay(instanceId: string): Promise<ReplayResult> {
    await this.#ready();
    const record = this.#instances.get(instanceId);
    if (!record) {
      throw NOT_FOUND(instanceId);
    }
    return replayRecord(await this.#withHistory(record));
  }

  // ---- internals ----------------------------------------------------------------------------------------------

  #ready(): Promise<void> {
    if (this.#stopped) {
      return Promise.reject(new Error('The local durable host has been stopped.'));
    }
    this.#loaded ??= this.#store.loadAll().then((records) => {
      for (const record of records) {
        if ('kind' in record) {
          this.#entities.load(record);
        } else {
          this.#instances.set(record.instanceId, record);
        }
      }
    });
    return this.#loaded;
  }

  #save(record: InstanceRecord | EntityRecord): Promise<void> {
    const key = 'kind' in record ? record.entityId : record.instanceId;
    if (this.#stopped) {
      return Promise.resolve();
    }
    const json = 'kind' in record ? JSON.stringify(record) : recordJson(record);
    const previous = this.#saveChains.get(key) ?? Promise.resolve();
    const next = previous.then(() => this.#store.save(key, json));
    this.#saveChains.set(
      key,
      next.catch(() => undefined),
    );
    return next;
  }

  #kick(instanceId: string): void {
    if (this.#stopped || this.#draining.has(instanceId)) {
      return;
    }
    this.#draining.add(instanceId);
    this.#idle.start();
    // Start on the next turn of the event loop, so results that land together are delivered in one episode.
    new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.#drain(instanceId))
      .catch((error: unknown) => this.#log('error', instanceId, `local host failure: ${format(error)}`))
      .finally(() => {
        this.#draining.delete(instanceId);
        const record = this.#instances.get(instanceId);
        if (record && record.inbox.length > 0 && !isTerminal(record.runtimeStatus)) {
          this.#kick(instanceId);
        }
        this.#idle.end();
      });
  }

  /** Delivers queued events to the orchestrator one episode at a time. */
  async #drain(instanceId: string): Promise<void> {
    for (;;) {
      const record = this.#instances.get(instanceId);
      if (!record || this.#stopped || isTerminal(record.runtimeStatus)) {
        return;
      }
      const events = takeEpisodeBatch(record);
      const head = events[0];
      if (!head) {
        return;
      }
      await this.#episode(record, head, events);
    }
  }

  /** One episode: `events` (the batch taken from the inbox, `head` first) are delivered to the orchestrator. */
  async #episode(record: InstanceRecord, head: WireHistoryEvent, events: WireHistoryEvent[]): Promise<void> {
    const now = this.clock.now();
    if (head.EventType === HistoryEventType.ExecutionTerminated) {
      record.history.push(newEvent(HistoryEventType.OrchestratorStarted, now), head);
      const reason = head.Input === undefined ? undefined : (JSON.parse(head.Input) as unknown);
      await this.#finish(record, OrchestrationRuntimeStatus.Terminated, reason, {
        ErrorType: 'Terminated',
        ErrorMessage: `Instance '${record.instanceId}' was terminated: ${String(reason)}`,
      });
      return;
    }
    const fn = findRegisteredFunction(record.name, 'orchestrationTrigger');
    for (const past of record.history) {
      past.IsPlayed = true;
    }
    record.history.push(newEvent(HistoryEventType.OrchestratorStarted, now), ...events);
    if (!isTerminal(record.runtimeStatus)) {
      record.runtimeStatus = OrchestrationRuntimeStatus.Running;
    }
    if (!fn) {
      await this.#fail(record, `The orchestration function '${record.name}' is not registered.`);
      return;
    }
    const outcome = await runOrchestratorEpisode(
      episodeRequest(record, fn.handler, record.history, (level, ...args) =>
        this.#log(level, record.name, format(...args)),
      ),
    );
    if (this.#stopped) {
      return;
    }
    if (outcome.kind === 'failed') {
      await this.#fail(record, outcome.message, outcome.failureDetails);
      return;
    }
    const verdict = recordEpisode(record, head, outcome.state, now);
    switch (verdict.kind) {
      case 'failed':
        await this.#fail(record, verdict.message);
        return;
      case 'completed':
        await this.#finish(record, OrchestrationRuntimeStatus.Completed, verdict.output);
        return;
      case 'continuedAsNew':
        await this.#continueAsNew(record, verdict.input);
        return;
      case 'continue':
        record.lastUpdatedTime = now.toISOString();
        for (const seq of verdict.canceledTimers) {
          this.#timers.disarm(record.instanceId, seq);
        }
        await this.#save(record);
        this.#notifyListeners(record);
        this.#dispatch(record, verdict.scheduled, new Set(verdict.canceledTimers));
    }
  }

  #notifyListeners(record: InstanceRecord): void {
    if (this.#listeners.size === 0) {
      return;
    }
    const status = instanceStatus(record);
    for (const listener of this.#listeners) {
      try {
        listener(status);
      } catch (error) {
        this.#log('error', record.name, `status listener threw: ${format(error)}`);
      }
    }
  }

  #fail(record: InstanceRecord, message: string, failure?: WireFailureDetails): Promise<void> {
    return this.#finish(
      record,
      OrchestrationRuntimeStatus.Failed,
      `Orchestrator function '${record.name}' failed: ${message}`,
      failure ?? { ErrorType: 'Error', ErrorMessage: message },
    );
  }

  async #finish(
    record: InstanceRecord,
    status: OrchestrationRuntimeStatus,
    output: unknown,
    failure?: WireFailureDetails,
  ): Promise<void> {
    const now = this.clock.now();
    record.runtimeStatus = status;
    record.output = output;
    record.failure = failure;
    record.lastUpdatedTime = now.toISOString();
    record.inbox = [];
    if (status !== OrchestrationRuntimeStatus.Terminated) {
      record.history.push(
        newEvent(HistoryEventType.ExecutionCompleted, now, {
          Result: toWireJson(output),
          OrchestrationStatus: status,
          FailureDetails: failure,
        }),
      );
    }
    this.#timers.disarmAll(record.instanceId);
    await this.#save(record);
    this.#notifyParent(record);
    this.#notifyListeners(record);
    this.#waiters.get(record.instanceId)?.forEach((wake) => wake());
    this.#evict(record);
  }

  async #continueAsNew(record: InstanceRecord, input: unknown): Promise<void> {
    const now = this.clock.now();
    this.#timers.disarmAll(record.instanceId);
    record.runtimeStatus = OrchestrationRuntimeStatus.ContinuedAsNew;
    record.lastUpdatedTime = now.toISOString();
    record.execution++;
    record.executionId = randomUUID();
    record.input = input;
    record.history = [];
    record.actions = [];
    record.actionSequenceNumbers = [];
    record.retries = {};
    record.nextSequenceNumber = 0;
    // Events that arrived for the old execution stay queued for the new one, as messages do in the task hub.
    record.inbox.unshift(
      newEvent(HistoryEventType.ExecutionStarted, now, { Name: record.name, Input: rawInputToWire(input) }),
    );
    await this.#save(record);
    this.#notifyListeners(record);
  }

  #notifyParent(child: InstanceRecord): void {
    const link = child.parent;
    if (!link) {
      return;
    }
    const event = subOrchestrationResultEvent(child, link.taskScheduledId, this.clock.now());
    this.#deliver(link.instanceId, link.executionId, event);
  }

  /** Queues a result for an instance's current execution, unless it already has one for that sequence number. */
  #deliver(instanceId: string, executionId: string, event: WireHistoryEvent): void {
    const record = this.#instances.get(instanceId);
    if (this.#stopped || !record || isTerminal(record.runtimeStatus) || record.executionId !== executionId) {
      return;
    }
    const answered = answeredSequenceNumber(event);
    if (answered !== undefined && this.#isAnswered(record, answered)) {
      return;
    }
    record.inbox.push({ ...event, Timestamp: this.clock.now().toISOString() });
    this.#kick(instanceId);
  }

  #isAnswered(record: InstanceRecord, sequenceNumber: number): boolean {
    const answers = (e: WireHistoryEvent): boolean => answeredSequenceNumber(e) === sequenceNumber;
    return record.history.some(answers) || record.inbox.some(answers);
  }

  /** Scheduling events of the current execution still waiting for their result. */
  #unanswered(record: InstanceRecord): WireHistoryEvent[] {
    return record.history.filter((e) => {
      if (e.EventType === HistoryEventType.EventSent) {
        // Re-send entity requests still owed a response, and all signals: the entity drops ones it has processed.
        const request = entityRequestOf(record, e);
        const responded = (r: WireHistoryEvent): boolean =>
          r.EventType === HistoryEventType.EventRaised && r.Name === request.id;
        return request.signal || !(record.history.some(responded) || record.inbox.some(responded));
      }
      return isSequencedEvent(e) && !this.#isAnswered(record, e.EventId);
    });
  }

  /** Starts the work that scheduling events ask for: activities, timers, sub-orchestrations. */
  #dispatch(
    record: InstanceRecord,
    scheduled: readonly WireHistoryEvent[],
    canceledTimers: ReadonlySet<number>,
  ): void {
    for (const event of scheduled) {
      switch (event.EventType) {
        case HistoryEventType.TaskScheduled:
          this.#startActivity(record, event);
          break;
        case HistoryEventType.TimerCreated:
          if (!canceledTimers.has(event.EventId)) {
            this.#arm(record, event);
          }
          break;
        case HistoryEventType.SubOrchestrationInstanceCreated:
          this.#startChild(record, event);
          break;
        case HistoryEventType.EventSent:
          this.#entities
            .enqueue(event.InstanceId ?? '', entityRequestOf(record, event))
            .catch((error: unknown) =>
              this.#log('error', record.name, `entity request failed: ${format(error)}`),
            );
          break;
        default:
          break;
      }
    }
  }

  #startActivity(record: InstanceRecord, event: WireHistoryEvent): void {
    const { instanceId, executionId } = record;
    const name = event.Name ?? '';
    const seq = event.EventId;
    this.#idle.start();
    (async () => {
      await this.#semaphore.acquire();
      try {
        if (this.#stopped) {
          return;
        }
        const fn = findRegisteredFunction(name, 'activityTrigger');
        const outcome: ActivityOutcome = fn
          ? await runActivity(name, fn.handler, event.Input, `${instanceId}:${seq}`, (level, ...args) =>
              this.#log(level, name, format(...args)),
            )
          : failedOutcome(
              name,
              new Error(`The function '${name}' doesn't exist, is disabled, or is not an activity function.`),
            );
        this.#deliver(instanceId, executionId, activityResultEvent(seq, outcome, this.clock.now()));
      } finally {
        this.#semaphore.release();
        this.#idle.end();
      }
    })().catch((error: unknown) => this.#log('error', name, `local host failure: ${format(error)}`));
  }

  #arm(record: InstanceRecord, event: WireHistoryEvent): void {
    const { instanceId, executionId } = record;
    const fireAt = event.FireAt ?? event.Timestamp;
    this.#timers.arm(instanceId, event.EventId, new Date(fireAt), () =>
      this.#deliver(
        instanceId,
        executionId,
        newEvent(HistoryEventType.TimerFired, this.clock.now(), { TimerId: event.EventId, FireAt: fireAt }),
      ),
    );
  }

  #startChild(parent: InstanceRecord, event: WireHistoryEvent): void {
    const childId = event.InstanceId ?? '';
    const link = {
      instanceId: parent.instanceId,
      executionId: parent.executionId,
      taskScheduledId: event.EventId,
    };
    const existing = this.#instances.get(childId);
    const ours =
      existing?.parent?.instanceId === link.instanceId &&
      existing.parent.executionId === link.executionId &&
      existing.parent.taskScheduledId === link.taskScheduledId;
    if (existing && ours) {
      // Restart after a kill: the child is already there; a finished one still owes its parent the result.
      if (isTerminal(existing.runtimeStatus)) {
        this.#notifyParent(existing);
      }
      return;
    }
    const name = event.Name ?? '';
    const refuse = (message: string): void =>
      this.#deliver(
        parent.instanceId,
        parent.executionId,
        subOrchestrationFailedEvent(event.EventId, message, undefined, this.clock.now()),
      );
    if (existing && !isTerminal(existing.runtimeStatus)) {
      refuse(
        `An orchestration instance with the ID '${childId}' already exists (${existing.runtimeStatus}).`,
      );
      return;
    }
    if (!findRegisteredFunction(name, 'orchestrationTrigger')) {
      refuse(`The function '${name}' doesn't exist, is disabled, or is not an orchestrator function.`);
      return;
    }
    this.#timers.disarmAll(childId);
    const input = event.Input === undefined ? undefined : (JSON.parse(event.Input) as unknown);
    const child = newInstanceRecord(name, childId, input, link, this.clock.now());
    this.#instances.set(childId, child);
    this.#evicted.delete(childId);
    this.#idle.start();
    this.#save(child)
      .then(() => this.#kick(childId))
      .catch((error: unknown) =>
        this.#log('error', name, `could not persist sub-orchestration: ${format(error)}`),
      )
      .finally(() => this.#idle.end());
  }
}
