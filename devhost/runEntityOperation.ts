import { InvocationContext } from '@azure/functions';
import type { EntityRecord, EntityRequest, EntityResponse } from './EntityRecord';
import type { FunctionHandler } from './functionRegistry';

/** A signal an entity operation sent to another entity. */
export interface EntitySignal {
  readonly target: { name: string; key: string };
  readonly operation: string;
  readonly input?: string;
}

export interface EntityOperationOutcome {
  readonly exists: boolean;
  readonly state?: string;
  readonly response: EntityResponse;
  readonly signals: EntitySignal[];
}

interface EntityStateLike {
  entityExists?: boolean;
  entityState?: string;
  results?: Array<{ isError?: boolean; result?: string }>;
  signals?: Array<{ target: { name: string; key: string }; name: string; input?: string }>;
}

/**
 * Runs one operation through the registered entity function (durable-functions' createEntityFunction wrapper),
 * with the entity trigger binding the extension sends: self, existence, state and a batch of one request.
 */
export async function runEntityOperation(
  handler: FunctionHandler,
  entity: EntityRecord,
  request: EntityRequest,
  logHandler: (level: string, ...args: unknown[]) => void,
): Promise<EntityOperationOutcome> {
  const trigger = {
    self: { name: entity.name, key: entity.key },
    exists: entity.exists,
    state: entity.state,
    batch: [{ id: request.id, name: request.operation, input: request.input, signal: request.signal }],
  };
  const context = new InvocationContext({ functionName: entity.name, invocationId: request.id, logHandler });
  try {
    const out = (await handler(trigger, context)) as EntityStateLike;
    const result = out.results?.[0];
    return {
      exists: out.entityExists ?? entity.exists,
      state: out.entityState,
      response: result?.isError
        ? { exceptionType: 'Error', result: result.result ?? 'null' }
        : { result: result?.result ?? 'null' },
      signals: (out.signals ?? []).map((s) => ({
        target: s.target,
        operation: s.name,
        input: s.input || undefined,
      })),
    };
  } catch (error) {
    return {
      exists: entity.exists,
      state: entity.state,
      response: { exceptionType: 'Error', result: JSON.stringify((error as Error).message ?? String(error)) },
      signals: [],
    };
  }
}
