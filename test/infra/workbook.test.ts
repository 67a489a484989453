// The language service is a Bridge.NET build: its runtime must load before the package.
import '@kusto/language-service-next/bridge.js';
import '@kusto/language-service-next';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DUAL_STACK_CHANGES_SCHEMA } from '../../src/monitor/dualStackChangesSchema';
import type { ColumnDefinition } from '../../src/monitor/StreamSchema';

const WORKBOOK_PATH = join(__dirname, '../../infra/workbook/dualstack.workbook.json');

/** AzureDiagnostics columns the hub diagnostics panels read (a subset of the real table). */
const AZURE_DIAGNOSTICS_COLUMNS: ColumnDefinition[] = [
  { name: 'TimeGenerated', type: 'datetime' },
  { name: 'ResourceId', type: 'string' },
  { name: 'Resource', type: 'string' },
  { name: 'ResourceGroup', type: 'string' },
  { name: 'ResourceProvider', type: 'string' },
  { name: 'ResourceType', type: 'string' },
  { name: 'SubscriptionId', type: 'string' },
  { name: 'Category', type: 'string' },
  { name: 'OperationName', type: 'string' },
  { name: 'msg_s', type: 'string' },
];

const KUSTO_TYPE: Record<ColumnDefinition['type'], string> = {
  string: 'string',
  int: 'int',
  long: 'long',
  real: 'real',
  boolean: 'bool',
  datetime: 'datetime',
  dynamic: 'dynamic',
};

function table(name: string, columns: ColumnDefinition[]): Kusto.Language.Symbols.TableSymbol {
  const schema = `(${columns.map((c) => `['${c.name}']:${KUSTO_TYPE[c.type]}`).join(', ')})`;
  return new Kusto.Language.Symbols.TableSymbol.$ctor7(name, schema, null);
}

const globals = Kusto.Language.GlobalState.Default!.WithDatabase(
  new Kusto.Language.Symbols.DatabaseSymbol.ctor('workspace', [
    table(DUAL_STACK_CHANGES_SCHEMA.tableName, DUAL_STACK_CHANGES_SCHEMA.columns),
    table('AzureDiagnostics', AZURE_DIAGNOSTICS_COLUMNS),
  ]),
)!;

function kqlErrors(query: string): string[] {
  const diagnostics = Kusto.Language.KustoCode.ParseAndAnalyze(query, globals)!.GetDiagnostics()!;
  const errors: string[] = [];
  for (let i = 0; i < diagnostics.Count; i++) {
    const d = diagnostics.getItem(i);
    if (d.Severity === 'Error') errors.push(`${d.Message} at ${d.Start}: '${query.slice(d.Start, d.End)}'`);
  }
  return errors;
}

interface WorkbookItem {
  type: number;
  name: string;
  content: {
    version?: string;
    query?: string;
    visualization?: string;
    items?: WorkbookItem[];
    timeContextFromParameter?: string;
    parameters?: { name: string; type: number }[];
  };
}

/** Query items (type 3), including those inside groups (type 12). */
function queryItems(items: WorkbookItem[]): WorkbookItem[] {
  return items.flatMap((item) => [
    ...(item.type === 3 ? [item] : []),
    ...(item.type === 12 ? queryItems(item.content.items ?? []) : []),
  ]);
}

const workbook = JSON.parse(readFileSync(WORKBOOK_PATH, 'utf8')) as {
  version: string;
  items: WorkbookItem[];
};
const queries = queryItems(workbook.items);

describe('workbook', () => {
  it('is a Notebook/1.0 workbook with uniquely named items', () => {
    expect(workbook.version).toBe('Notebook/1.0');
    const names = workbook.items.map((i) => i.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('has the panels the transition needs', () => {
    expect(queries.map((i) => i.name)).toEqual(
      expect.arrayContaining([
        'estate-progress',
        'recent-runs',
        'spoke-grid',
        'failures-by-error',
        'step-durations',
        'remediations-per-day',
        'drift-per-day',
        'hub-diagnostics',
      ]),
    );
    for (const item of queries) {
      expect(item.content.version).toBe('KqlItem/1.0');
      expect(item.content.visualization).toMatch(/^(table|timechart|barchart|piechart|tiles)$/);
    }
  });

  it('follows the time range parameter in every query panel', () => {
    const parameters = workbook.items.flatMap((i) => (i.type === 9 ? (i.content.parameters ?? []) : []));
    expect(parameters).toContainEqual(expect.objectContaining({ name: 'TimeRange', type: 4 }));
    for (const item of queries)
      expect([item.name, item.content.timeContextFromParameter]).toEqual([item.name, 'TimeRange']);
  });

  it.each(queries.map((i) => [i.name, i.content.query ?? ''] as const))(
    'query %s passes semantic checks against the table schemas',
    (_name, query) => {
      expect(query).toMatch(/\b(DualStackChanges_CL|AzureDiagnostics)\b/);
      expect(kqlErrors(query)).toEqual([]);
    },
  );

  it('reads the custom table only through columns the shared schema declares', () => {
    const spokeGrid = queries.find((i) => i.name === 'spoke-grid')!.content.query!;
    expect(spokeGrid).toContain('Ipv6Prefix');
    const typo = spokeGrid.replace(/\bIpv6Prefix\b/, 'Ipv6Prefx');
    expect(kqlErrors(typo)).toEqual([expect.stringContaining("'Ipv6Prefx'")]);
  });

  it('catches a column that exists in the table but is misspelled in case', () => {
    expect(kqlErrors('DualStackChanges_CL | where runid == "x"')).toEqual([
      expect.stringContaining("'runid'"),
    ]);
    expect(kqlErrors('DualStackChanges_CL | where RunId == "x"')).toEqual([]);
  });
});
