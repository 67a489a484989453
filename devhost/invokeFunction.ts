import { randomUUID } from 'node:crypto';
import type { FunctionInput, FunctionOutput, FunctionTrigger } from '@azure/functions';
import { InvocationContext } from '@azure/functions';
import { findRegisteredFunction } from './functionRegistry';
import type { DurableClientInputData } from './managementApi';

export interface InvokeOptions {
  /** Value of the function's durable client input (`ManagementApi.clientData`), for `df.getClient(context)`. */
  durableClient?: DurableClientInputData;
  logHandler?: (level: string, ...args: unknown[]) => void;
}

const isDurableClient = (input: FunctionInput): boolean =>
  input.type === 'durableClient' || input.type === 'orchestrationClient';

/**
 * Calls a registered function as the worker would: a context carrying its trigger, extra inputs and
 * outputs (the durable client input bound when given), and the trigger's input. Returns what the
 * handler returns.
 */
export function invokeFunction(
  name: string,
  triggerType: string,
  triggerInput: unknown,
  options: InvokeOptions = {},
): Promise<unknown> {
  const fn = findRegisteredFunction(name, triggerType);
  if (!fn) return Promise.reject(new Error(`no ${triggerType} function named '${name}' is registered`));
  const bindings = Object.values(fn.bindings);
  const extraInputs = bindings.filter(
    (b) => b.direction === 'in' && b !== fn.trigger,
  ) as unknown as FunctionInput[];
  const extraOutputs = bindings.filter((b) => b.direction === 'out') as unknown as FunctionOutput[];
  const context = new InvocationContext({
    functionName: fn.name,
    invocationId: randomUUID(),
    logHandler: options.logHandler ?? (() => undefined),
    options: { trigger: fn.trigger as unknown as FunctionTrigger, extraInputs, extraOutputs },
  });
  const clientInput = extraInputs.find(isDurableClient);
  if (clientInput && options.durableClient) context.extraInputs.set(clientInput, options.durableClient);
  return Promise.resolve(fn.handler(triggerInput, context));
}
