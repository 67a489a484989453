import Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import openapi from './openapi.json';

/** A request the API refuses, with the status it answers and the field at fault. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly target?: string;

  constructor(status: number, code: string, message: string, target?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    if (target !== undefined) this.target = target;
  }
}

export type ApiSchemaName = keyof typeof openapi.components.schemas;

// The OpenAPI document is the one definition of every body: the handlers validate
// with it and the tests check responses with it, so docs and behaviour can't drift.
const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addSchema(openapi, 'openapi.json');
const compiled = new Map<ApiSchemaName, ValidateFunction>();

export function schemaValidator(name: ApiSchemaName): ValidateFunction {
  let validate = compiled.get(name);
  if (!validate) {
    validate = ajv.getSchema(`openapi.json#/components/schemas/${name}`);
    if (!validate) throw new Error(`no schema ${name} in openapi.json`);
    compiled.set(name, validate);
  }
  return validate;
}

/** A key as a field path segment: `.name`, `[3]`, or `["odd key"]` when it is not a plain name. */
function segment(key: string, index: boolean): string {
  if (index) return `[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

function fieldOf(error: ErrorObject): string {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => segment(p, /^\d+$/.test(p)));
  const extra =
    (error.params as { additionalProperty?: string; missingProperty?: string }).additionalProperty ??
    (error.params as { missingProperty?: string }).missingProperty;
  if (extra !== undefined) path.push(segment(extra, false));
  return path.join('').replace(/^\./, '') || '(body)';
}

/** Problems listed in a refusal: the first few say what is wrong; thousands would only echo the input. */
const MAX_LISTED = 5;

/** Parses a JSON body (empty means `{}`) and checks it against a schema of the OpenAPI document. */
export function validateBody<T>(name: ApiSchemaName, text: string): T {
  let body: unknown = {};
  if (text.trim() !== '') {
    try {
      body = JSON.parse(text);
    } catch (error) {
      throw new ApiError(
        400,
        'InvalidJson',
        `The request body is not valid JSON: ${(error as Error).message}`,
        '(body)',
      );
    }
  }
  const validate = schemaValidator(name);
  if (!validate(body)) {
    const first = validate.errors?.[0];
    const field = first ? fieldOf(first) : '(body)';
    const errors = validate.errors ?? [];
    const message = errors
      .slice(0, MAX_LISTED)
      .map(
        (e) =>
          `${fieldOf(e)}: ${e.keyword === 'additionalProperties' ? 'is not a known field' : (e.message ?? 'is invalid')}`,
      )
      .concat(errors.length > MAX_LISTED ? [`and ${errors.length - MAX_LISTED} more problems`] : [])
      .join('; ');
    throw new ApiError(400, 'InvalidRequestBody', message, field);
  }
  return body as T;
}
