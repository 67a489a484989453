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

function fieldOf(error: ErrorObject): string {
  const path = error.instancePath
    .split('/')
    .filter(Boolean)
    .map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`))
    .join('')
    .replace(/^\./, '');
  const extra =
    (error.params as { additionalProperty?: string; missingProperty?: string }).additionalProperty ??
    (error.params as { missingProperty?: string }).missingProperty;
  return [path, extra].filter(Boolean).join(path && extra ? '.' : '') || '(body)';
}

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
    const message = (validate.errors ?? [])
      .map(
        (e) =>
          `${fieldOf(e)}: ${e.keyword === 'additionalProperties' ? 'is not a known field' : (e.message ?? 'is invalid')}`,
      )
      .join('; ');
    throw new ApiError(400, 'InvalidRequestBody', message, field);
  }
  return body as T;
}
