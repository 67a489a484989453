import type { ColumnDefinition, ColumnType } from './StreamSchema';

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})?)?$/;
const INT32 = { min: -2147483648, max: 2147483647 };

function valueProblem(value: unknown, type: ColumnType): string | undefined {
  switch (type) {
    case 'string':
      return typeof value === 'string' ? undefined : 'expected a string';
    case 'int':
      return Number.isInteger(value) && (value as number) >= INT32.min && (value as number) <= INT32.max
        ? undefined
        : 'expected a 32-bit integer';
    case 'long':
      return Number.isSafeInteger(value) ? undefined : 'expected an integer';
    case 'real':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'expected a number';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'expected true or false';
    case 'datetime':
      return typeof value === 'string' && ISO_DATETIME.test(value) && !Number.isNaN(Date.parse(value))
        ? undefined
        : 'expected an ISO-8601 date and time';
    case 'dynamic':
      return undefined;
  }
}

/**
 * What is wrong with one uploaded row against a stream's declared columns: a
 * property the stream doesn't declare, or a value of the wrong type. Null or a
 * missing property is fine, as every column of a custom table is nullable.
 */
export function rowProblems(row: unknown, columns: readonly ColumnDefinition[]): string[] {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) return ['the row is not a JSON object'];
  const byName = new Map(columns.map((c) => [c.name, c]));
  const problems: string[] = [];
  for (const [name, value] of Object.entries(row)) {
    const column = byName.get(name);
    if (!column) {
      problems.push(`'${name}' is not a declared column`);
      continue;
    }
    if (value === null) continue;
    const problem = valueProblem(value, column.type);
    if (problem) problems.push(`'${name}' (${column.type}): ${problem}, got ${JSON.stringify(value)}`);
  }
  return problems;
}
