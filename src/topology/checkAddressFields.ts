import type { AddressField } from './addressFields';
import { checkAddress } from './checkAddress';
import type { IssueCollector, ResourceLocation } from './IssueCollector';
import { isPlainObject } from './isPlainObject';

function walk(
  value: unknown,
  field: AddressField,
  depth: number,
  path: string,
  at: ResourceLocation,
  issues: IssueCollector,
): void {
  if (value === undefined || value === null) return;
  if (depth === field.path.length) {
    const problem = checkAddress(field.kind, value);
    if (problem) issues.add(at, path, problem);
    return;
  }
  const segment = field.path[depth] ?? '';
  if (segment === '*') {
    if (!Array.isArray(value)) {
      issues.add(at, path, 'must be an array');
      return;
    }
    value.forEach((item, i) => walk(item, field, depth + 1, `${path}[${i}]`, at, issues));
    return;
  }
  if (!isPlainObject(value)) {
    issues.add(at, path, 'must be an object');
    return;
  }
  walk(value[segment], field, depth + 1, path ? `${path}.${segment}` : segment, at, issues);
}

/** Reports every malformed address in the given fields of a resource. */
export function checkAddressFields(
  resource: Record<string, unknown>,
  fields: readonly AddressField[],
  at: ResourceLocation,
  issues: IssueCollector,
): void {
  for (const field of fields) walk(resource, field, 0, '', at, issues);
}
