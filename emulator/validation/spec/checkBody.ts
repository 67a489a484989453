import type { ArmError } from '../../../src/arm/errors/ArmError';
import { invalidRequestFormat } from '../../../src/arm/errors/commonErrors';
import type { ObjectNode, SchemaNode } from './SchemaNode';

/**
 * Walks a request body against a compiled schema and returns ARM's 400 for the first problem.
 *
 * Leniency follows NRP's JSON reader (Json.NET), not JSON Schema: null is the same as absent, numbers and
 * booleans are read into string properties, numeric strings into numbers and "true"/"false" into booleans,
 * enum values match case-insensitively. What it cannot read is refused the way NRP words it ("Cannot parse
 * the request." / "Error converting value ..."), see https://github.com/Azure/azure-cli/issues/1619.
 * Unknown properties pass: ARM ignores them for most members (NRP does reject some with "Could not find
 * member", azure-powershell#13544, but which ones isn't knowable from the spec). Read-only ones pass
 * unchecked, as ARM ignores them.
 */
export function checkBody(node: SchemaNode, value: unknown, path: string): ArmError | undefined {
  if (value === null || value === undefined) return undefined;
  switch (node.kind) {
    case 'any':
      return undefined;
    case 'string':
      return typeof value === 'object' ? convertError(value, 'String', path) : undefined;
    case 'integer':
      return isInteger(value) ? undefined : convertError(value, 'Int32', path);
    case 'number':
      return isNumber(value) ? undefined : convertError(value, 'Double', path);
    case 'boolean':
      return typeof value === 'boolean' || (typeof value === 'string' && /^(true|false)$/i.test(value))
        ? undefined
        : convertError(value, 'Boolean', path);
    case 'enum':
      return typeof value === 'string' && node.values.has(value.toLowerCase())
        ? undefined
        : convertError(value, node.name, path);
    case 'array':
      return checkArray(node.items, value, path);
    case 'object':
      return checkObject(node, value, path);
  }
}

function checkArray(items: SchemaNode, value: unknown, path: string): ArmError | undefined {
  if (!Array.isArray(value)) return convertError(value, `List<${typeName(items)}>`, path);
  if (items.kind === 'any') return undefined;
  for (let i = 0; i < value.length; i++) {
    const error = checkBody(items, value[i], `${path}[${i}]`);
    if (error) return error;
  }
  return undefined;
}

function checkObject(node: ObjectNode, value: unknown, path: string): ArmError | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return convertError(value, node.name, path);
  }
  const record = value as Record<string, unknown>;
  let present: Set<string> | undefined;
  for (const key in record) {
    const lower = key.toLowerCase();
    if (node.required.length > 0 && record[key] !== null && record[key] !== undefined) {
      (present ??= new Set()).add(lower);
    }
    const prop = node.props.get(lower);
    const child = prop ? (prop.readOnly ? undefined : prop.node) : node.additional;
    if (!child) continue;
    const error = checkBody(child, record[key], path ? `${path}.${key}` : key);
    if (error) return error;
  }
  for (const req of node.required) {
    if (!present?.has(req.toLowerCase())) {
      const target = path ? `${path}.${req}` : req;
      return invalidRequestFormat(
        `Cannot parse the request. Required property '${req}' not found in JSON. Path '${path}'.`,
        target,
      );
    }
  }
  return undefined;
}

function isInteger(value: unknown): boolean {
  if (typeof value === 'number') return Number.isInteger(value);
  return typeof value === 'string' && /^\s*[-+]?\d+\s*$/.test(value);
}

function isNumber(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  return typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value));
}

const SCALAR_NAMES = {
  any: 'Object',
  string: 'String',
  integer: 'Int32',
  number: 'Double',
  boolean: 'Boolean',
};

function typeName(node: SchemaNode): string {
  switch (node.kind) {
    case 'object':
    case 'enum':
      return node.name;
    case 'array':
      return `List<${typeName(node.items)}>`;
    default:
      return SCALAR_NAMES[node.kind];
  }
}

function convertError(value: unknown, type: string, path: string): ArmError {
  const shown =
    typeof value === 'object' ? (Array.isArray(value) ? 'array' : 'object') : JSON.stringify(value);
  return invalidRequestFormat(
    `Cannot parse the request. Error converting value ${shown} to type '${type}'. Path '${path}'.`,
    path,
  );
}
