import { format } from 'node:util';
import type { EntityRecord, EntityRequest, EntityResponse } from './EntityRecord';
import { findRegisteredFunction } from './functionRegistry';
import type { IdleTracker } from './IdleTracker';
import { runEntityOperation } from './runEntityOperation';

const REMEMBERED_REQUESTS = 1000;

export interface EntityRunnerHooks {
  readonly idle: IdleTracker;
  save(record: EntityRecord): Promise<void>;
  /** Hands a call's response to the calling orchestration (an EventRaised named after the request id). */
  respond(parent: NonNullable<EntityRequest['parent']>, requestId: string, response: EntityResponse): void;
  log(level: string, functionName: string, message: string): void;
  isStopped(): boolean;
}

/** `@name@key` → name and key, as durable-functions' EntityId.getEntityIdFromSchedulerId. */
export function parseSchedulerId(schedulerId: string): { name: string; key: string } {
  const at = schedulerId.indexOf('@', 1);
  if (!schedulerId.startsWith('@') || at < 0) {
    throw new TypeError(`entity id '${schedulerId}' is not of the form @name@key`);
  }
  return { name: schedulerId.slice(1, at), key: schedulerId.slice(at + 1) };
}

export function schedulerIdOf(name: string, key: string): string {
  return `@${name.toLowerCase()}@${key}`;
}

/**
 * Entities for the local host: each processes its requests one at a time through the registered entity function,
 * persisting state and queue together, and remembers recent request ids so that a request re-sent after a restart
 * runs once.
 */
export class EntityRunner {
  readonly #hooks: EntityRunnerHooks;
  readonly #entities = new Map<string, EntityRecord>();
  readonly #running = new Set<string>();

  constructor(hooks: EntityRunnerHooks) {
    this.#hooks = hooks;
  }

  load(record: EntityRecord): void {
    this.#entities.set(record.entityId, record);
  }

  get(schedulerId: string): EntityRecord | undefined {
    return this.#entities.get(schedulerId);
  }

  /** Continues every entity that has queued requests (after loading persisted state). */
  resumeAll(): void {
    for (const id of this.#entities.keys()) {
      this.#kick(id);
    }
  }

  async enqueue(schedulerId: string, request: EntityRequest): Promise<void> {
    const { name, key } = parseSchedulerId(schedulerId);
    const entity = this.#entities.get(schedulerId) ?? {
      kind: 'entity' as const,
      entityId: schedulerId,
      name,
      key,
      exists: false,
      queue: [],
      processed: {},
      processedOrder: [],
    };
    this.#entities.set(schedulerId, entity);
    const done = entity.processed[request.id];
    if (done !== undefined) {
      if (request.parent) {
        this.#hooks.respond(request.parent, request.id, done);
      }
      return;
    }
    if (entity.queue.some((r) => r.id === request.id)) {
      return;
    }
    entity.queue.push(request);
    await this.#hooks.save(entity);
    this.#kick(schedulerId);
  }

  #kick(schedulerId: string): void {
    if (this.#running.has(schedulerId) || this.#hooks.isStopped()) {
      return;
    }
    this.#running.add(schedulerId);
    this.#hooks.idle.start();
    this.#drain(schedulerId)
      .catch((error: unknown) => this.#hooks.log('error', schedulerId, `entity failure: ${format(error)}`))
      .finally(() => {
        this.#running.delete(schedulerId);
        this.#hooks.idle.end();
      });
  }

  async #drain(schedulerId: string): Promise<void> {
    const entity = this.#entities.get(schedulerId);
    while (entity && !this.#hooks.isStopped()) {
      const request = entity.queue[0];
      if (!request) {
        return;
      }
      const fn = findRegisteredFunction(entity.name, 'entityTrigger');
      const outcome = fn
        ? await runEntityOperation(fn.handler, entity, request, (level, ...args) =>
            this.#hooks.log(level, entity.name, format(...args)),
          )
        : {
            exists: entity.exists,
            state: entity.state,
            response: {
              exceptionType: 'Error',
              result: JSON.stringify(`The entity function '${entity.name}' is not registered.`),
            },
            signals: [],
          };
      if (this.#hooks.isStopped()) {
        return;
      }
      entity.queue.shift();
      entity.exists = outcome.exists;
      entity.state = outcome.state;
      entity.processed[request.id] = outcome.response;
      entity.processedOrder.push(request.id);
      for (const old of entity.processedOrder.splice(
        0,
        Math.max(0, entity.processedOrder.length - REMEMBERED_REQUESTS),
      )) {
        delete entity.processed[old];
      }
      await this.#hooks.save(entity);
      if (request.parent) {
        this.#hooks.respond(request.parent, request.id, outcome.response);
      }
      outcome.signals.forEach((signal, i) => {
        const target = schedulerIdOf(signal.target.name, signal.target.key);
        const id = `${request.id}:signal:${i}`;
        void this.enqueue(target, { id, operation: signal.operation, input: signal.input, signal: true });
      });
    }
  }
}
