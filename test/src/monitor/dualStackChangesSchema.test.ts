import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHANGE_ROW_COLUMNS } from '../../../src/monitor/ChangeRow';
import {
  DUAL_STACK_CHANGES_SCHEMA,
  DUAL_STACK_CHANGES_SCHEMA_PATH,
} from '../../../src/monitor/dualStackChangesSchema';
import { COLUMN_TYPES, parseStreamSchema } from '../../../src/monitor/StreamSchema';
import { rowProblems } from '../../../src/monitor/rowProblems';

interface RawSchema {
  tableName: string;
  streamName: string;
  columns: Record<string, unknown>[];
  columnDescriptions: Record<string, string>;
}

const SPECS = process.env.DUALSTACK_SPECS_DIR ?? join(__dirname, '../../../vendor/azure-rest-api-specs');
const DCR_SPEC = join(
  SPECS,
  'specification/monitor/resource-manager/Microsoft.Insights/stable/2024-03-11/dataCollectionRules_API.json',
);

const rawSchema = JSON.parse(
  readFileSync(join(__dirname, '../../..', DUAL_STACK_CHANGES_SCHEMA_PATH), 'utf8'),
) as RawSchema;

describe('DualStackChanges_CL schema', () => {
  it('names the table and its custom stream', () => {
    expect(DUAL_STACK_CHANGES_SCHEMA.tableName).toBe('DualStackChanges_CL');
    expect(DUAL_STACK_CHANGES_SCHEMA.streamName).toBe('Custom-DualStackChanges_CL');
  });

  it('declares exactly the ChangeRow properties, with the same types', () => {
    const fromSchema = Object.fromEntries(DUAL_STACK_CHANGES_SCHEMA.columns.map((c) => [c.name, c.type]));
    expect(fromSchema).toEqual(CHANGE_ROW_COLUMNS);
  });

  it('uses exactly the column types of the DCR API (ColumnDefinition.type, 2024-03-11)', () => {
    const spec = JSON.parse(readFileSync(DCR_SPEC, 'utf8')) as {
      definitions: { ColumnDefinition: { properties: { type: { enum: string[] } } } };
    };
    expect([...COLUMN_TYPES].sort()).toEqual(
      [...spec.definitions.ColumnDefinition.properties.type.enum].sort(),
    );
  });

  it('keeps columns as {name, type} only, so Bicep can pass them to streamDeclarations and the table as they are', () => {
    for (const column of rawSchema.columns) expect(Object.keys(column).sort()).toEqual(['name', 'type']);
  });

  it('describes every column, and nothing else', () => {
    expect(Object.keys(rawSchema.columnDescriptions).sort()).toEqual(
      DUAL_STACK_CHANGES_SCHEMA.columns.map((c) => c.name).sort(),
    );
  });

  it.each([
    [{ ...rawSchema, tableName: 'DualStackChanges' }, /tableName must be a custom table name/],
    [{ ...rawSchema, streamName: 'DualStackChanges_CL' }, /streamName must be a custom stream name/],
    [
      { ...rawSchema, columns: [...rawSchema.columns, { name: 'Extra', type: 'text' }] },
      new RegExp(`columns\\[${rawSchema.columns.length}\\]\\.type must be one of`),
    ],
    [
      { ...rawSchema, columns: [...rawSchema.columns, { name: 'runid', type: 'string' }] },
      new RegExp(`columns\\[${rawSchema.columns.length}\\]\\.name repeats column`),
    ],
    [{ ...rawSchema, columns: rawSchema.columns.slice(1) }, /must include TimeGenerated/],
  ])('refuses a bad schema and names the field (%#)', (schema, message) => {
    expect(() => parseStreamSchema(schema, 'x.json')).toThrow(message);
  });
});

describe('rowProblems', () => {
  const { columns } = DUAL_STACK_CHANGES_SCHEMA;

  it('accepts a row of declared columns with values of their types, nulls included', () => {
    expect(
      rowProblems(
        {
          TimeGenerated: '2026-11-26T10:00:00.123Z',
          RunId: 'r1',
          RunKind: 'migration',
          RowType: 'step',
          DurationMs: 1234,
          Retries: 0,
          Ipv6Prefixes: ['fd00:1::/56'],
          ErrorCode: null,
        },
        columns,
      ),
    ).toEqual([]);
  });

  it('names every undeclared column and every value of the wrong type', () => {
    expect(
      rowProblems({ TimeGenerated: 'yesterday', RunID: 'r1', Retries: 1.5, DurationMs: '12' }, columns),
    ).toEqual([
      `'TimeGenerated' (datetime): expected an ISO-8601 date and time, got "yesterday"`,
      `'RunID' is not a declared column`,
      `'Retries' (int): expected a 32-bit integer, got 1.5`,
      `'DurationMs' (long): expected an integer, got "12"`,
    ]);
    expect(rowProblems([1, 2], columns)).toEqual(['the row is not a JSON object']);
  });
});
