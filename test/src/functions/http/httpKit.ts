import { HttpRequest } from '@azure/functions';
import type { HttpResponseInit } from '@azure/functions';
import { referenceTopology } from '../../../../estates/referenceTopology';
import type { LocalStack } from '../../../../cli/localStack';
import { startLocalStack } from '../../../../cli/localStack';
import type { ApiDeps } from '../../../../src/functions/http/ApiDeps';
import { apiDepsFor } from '../../../../src/functions/http/apiDepsFor';
import type { ApiSchemaName } from '../../../../src/functions/http/validateBody';
import { schemaValidator } from '../../../../src/functions/http/validateBody';

export const BASE = 'https://dualstack.example.net/api';

/** A real HttpRequest as the worker hands it to a handler; a string body is sent as it is, anything else as JSON. */
export function apiRequest(
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string>; params?: Record<string, string> } = {},
): HttpRequest {
  const { body, headers = {}, params = {} } = options;
  return new HttpRequest({
    method,
    url: `${BASE}${path}`,
    headers,
    params,
    ...(body === undefined
      ? {}
      : { body: { string: typeof body === 'string' ? body : JSON.stringify(body) } }),
  });
}

/** The response's status, and its body checked against the OpenAPI document's schema. */
export function expectShape(
  response: HttpResponseInit,
  status: number,
  schema: ApiSchemaName,
): Record<string, any> {
  expect(response.status).toBe(status);
  const validate = schemaValidator(schema);
  const ok = validate(response.jsonBody);
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
  return response.jsonBody as Record<string, any>;
}

/** The reference estate on a local stack, and the handlers' dependencies over it (approval required by default). */
export async function startApiStack(): Promise<{ stack: LocalStack; deps: ApiDeps }> {
  const stack = await startLocalStack({ topology: referenceTopology(), emulator: { timeScale: 0 } });
  const deps = apiDepsFor(stack.host, stack.services, {
    ...stack.baseConfig,
    approval: { required: true, timeoutMinutes: 60 },
  });
  return { stack, deps };
}
