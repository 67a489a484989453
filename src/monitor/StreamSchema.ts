/** Column types a data collection rule's stream declaration accepts (DCR API 2024-03-11, KnownColumnDefinitionType). */
export const COLUMN_TYPES = ['string', 'int', 'long', 'real', 'boolean', 'datetime', 'dynamic'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

export interface ColumnDefinition {
  name: string;
  type: ColumnType;
}

/**
 * A custom table and the DCR stream that feeds it. The same object is loaded by
 * Bicep (`loadJsonContent`) for the DCR's streamDeclarations and the table's
 * columns, by the reporter, by the emulator and by the workbook checks, so the
 * columns exist in exactly one place.
 */
export interface StreamSchema {
  tableName: string;
  streamName: string;
  columns: ColumnDefinition[];
}

/** Checks an untyped schema (a parsed JSON file); the error names the offending field. */
export function parseStreamSchema(value: unknown, source = 'schema'): StreamSchema {
  const fail = (field: string, why: string): never => {
    throw new TypeError(`${source}: ${field} ${why}`);
  };
  if (typeof value !== 'object' || value === null) return fail('(root)', 'must be an object');
  const o = value as Record<string, unknown>;
  const tableName = o.tableName;
  const streamName = o.streamName;
  if (typeof tableName !== 'string' || !/^[A-Za-z][A-Za-z0-9_]*_CL$/.test(tableName)) {
    fail('tableName', 'must be a custom table name ending in _CL');
  }
  if (typeof streamName !== 'string' || !streamName.startsWith('Custom-')) {
    fail('streamName', "must be a custom stream name starting with 'Custom-'");
  }
  if (!Array.isArray(o.columns) || o.columns.length === 0)
    return fail('columns', 'must be a non-empty array');
  const seen = new Set<string>();
  const columns = (o.columns as unknown[]).map((c, i): ColumnDefinition => {
    const col = (typeof c === 'object' && c !== null ? c : {}) as Record<string, unknown>;
    if (typeof col.name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(col.name)) {
      return fail(`columns[${i}].name`, 'must be a column name (letters, digits, underscore)');
    }
    if (seen.has(col.name.toLowerCase())) fail(`columns[${i}].name`, `repeats column '${col.name}'`);
    seen.add(col.name.toLowerCase());
    if (!COLUMN_TYPES.includes(col.type as ColumnType)) {
      fail(`columns[${i}].type`, `must be one of ${COLUMN_TYPES.join(', ')}`);
    }
    return { name: col.name, type: col.type as ColumnType };
  });
  if (!columns.some((c) => c.name === 'TimeGenerated' && c.type === 'datetime')) {
    fail('columns', 'must include TimeGenerated of type datetime (every Log Analytics table has it)');
  }
  return { tableName: tableName as string, streamName: streamName as string, columns };
}
