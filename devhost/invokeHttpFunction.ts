import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import { HttpResponse } from '@azure/functions';
import type { InvokeOptions } from './invokeFunction';
import { invokeFunction } from './invokeFunction';

export type InvokeHttpOptions = InvokeOptions;

/** Calls a registered HTTP function as the worker would and returns its result as an HttpResponse. */
export async function invokeHttpFunction(
  name: string,
  request: HttpRequest,
  options: InvokeHttpOptions = {},
): Promise<HttpResponse> {
  const result = (await invokeFunction(name, 'httpTrigger', request, options)) as
    HttpResponse | HttpResponseInit | undefined;
  return result instanceof HttpResponse ? result : new HttpResponse(result ?? { status: 204 });
}
