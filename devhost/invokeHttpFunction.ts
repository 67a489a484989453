import { randomUUID } from 'node:crypto';
import type { FunctionInput, FunctionOutput, FunctionTrigger, HttpRequest } from '@azure/functions';
import { HttpResponse, InvocationContext } from '@azure/functions';
import type { HttpResponseInit } from '@azure/functions';
import { findRegisteredFunction } from './functionRegistry';
import type { DurableClientInputData } from './managementApi';

export interface InvokeHttpOptions {
  /** Value of the function's durable client input (`ManagementApi.clientData`), for `df.getClient(context)`. */
  durableClient?: DurableClientInputData;
  logHandler?: (level: string, ...args: unknown[]) => void;
}

const isDurableClient = (input: FunctionInput): boolean =>
  input.type === 'durableClient' || input.type === 'orchestrationClient';

/**
 * Calls a registered HTTP function as the worker would: a context carrying the function's trigger, extra inputs
 * and outputs (with the durable client input bound), and the handler's result as an HttpResponse.
 */
export async function invokeHttpFunction(
  name: string,
  request: HttpRequest,
  options: InvokeHttpOptions = {},
): Promise<HttpResponse> {
  const fn = findRegisteredFunction(name, 'httpTrigger');
  if (!fn) {
    throw new Error(`invokeHttpFunction: no HTTP function named '${name}' is registered.`);
  }
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
  if (clientInput && options.durableClient) {
    context.extraInputs.set(clientInput, options.durableClient);
  }
  const result = (await fn.handler(request, context)) as HttpResponse | HttpResponseInit | undefined;
  return result instanceof HttpResponse ? result : new HttpResponse(result ?? { status: 204 });
}
