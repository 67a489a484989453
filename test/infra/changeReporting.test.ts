import { readBicep } from '../helpers/bicep';
import { infraPath, readJson, REPO } from './infraFiles';

interface ChangesSchema {
  tableName: string;
  streamName: string;
  description: string;
  columns: { name: string; type: string }[];
  columnDescriptions: Record<string, string>;
}

const schemaPath = `${REPO}/src/monitor/dualStackChangesSchema.json`;
const schema = readJson<ChangesSchema>(schemaPath);
const main = readBicep(infraPath('main.bicep'));
const reporting = readBicep(infraPath('app', 'changeReporting.bicep'));

/** Column types a DCR stream declaration accepts (Logs Ingestion API). */
const DCR_TYPES = ['string', 'int', 'long', 'real', 'boolean', 'dynamic', 'datetime'];

describe('change reporting: the DCR, table and workbook come from the shared files', () => {
  it('main.bicep loads the one schema file and hands it to the change reporting module', () => {
    expect(main.loads).toContainEqual({
      fn: 'loadJsonContent',
      path: '../src/monitor/dualStackChangesSchema.json',
    });
    expect(main.code).toMatch(
      /var changesSchema = loadJsonContent\('\.\.\/src\/monitor\/dualStackChangesSchema\.json'\)/,
    );
    expect(main.modules.find((m) => m.name === 'changeReporting')?.params).toContain('schema');
    expect(main.code).toMatch(/schema: changesSchema/);
  });

  it('the table, the stream declaration and the data flow are all built from the schema, not typed out', () => {
    expect(reporting.code).toMatch(
      /for column in schema\.columns: \{\s+name: column\.name\s+type: column\.type == 'datetime' \? 'dateTime' : column\.type/,
    );
    expect(reporting.code).toMatch(/'\$\{schema\.streamName\}': \{\s+columns: streamColumns/);
    expect(reporting.code).toMatch(/name: schema\.tableName/);
    expect(reporting.code).toMatch(/outputStream: schema\.streamName/);
    for (const column of schema.columns) expect(reporting.code).not.toContain(`'${column.name}'`);
  });

  it('the schema is one the table and rule APIs accept', () => {
    expect(schema.tableName).toMatch(/^[A-Za-z][A-Za-z0-9_]*_CL$/);
    expect(schema.streamName).toBe(`Custom-${schema.tableName}`);
    expect(schema.columns.find((c) => c.name === 'TimeGenerated')?.type).toBe('datetime');
    expect(schema.columns.filter((c) => !DCR_TYPES.includes(c.type))).toEqual([]);
    expect(new Set(schema.columns.map((c) => c.name)).size).toBe(schema.columns.length);
    expect(schema.columns.filter((c) => !schema.columnDescriptions[c.name])).toEqual([]);
  });

  it('the app identity can publish to the rule, and the rule writes to the table it was built with', () => {
    const roleAssignment = reporting.resources.find((r) => r.name === 'publisherOnRule');
    expect(roleAssignment?.text).toMatch(/scope: dataCollectionRule/);
    expect(roleAssignment?.text).toMatch(/builtInRoles\.MonitoringMetricsPublisher/);
    expect(reporting.resources.find((r) => r.name === 'dataCollectionRule')?.text).toMatch(
      /dependsOn: \[\s+table\s+\]/,
    );
  });

  it('the workbook is the shared infra/workbook file, loaded as text', () => {
    expect(reporting.loads).toContainEqual({
      fn: 'loadTextContent',
      path: '../workbook/dualstack.workbook.json',
    });
    expect(reporting.resources.find((r) => r.type === 'Microsoft.Insights/workbooks')?.text).toMatch(
      /serializedData: loadTextContent\('\.\.\/workbook\/dualstack\.workbook\.json'\)/,
    );
  });
});
