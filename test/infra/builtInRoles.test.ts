import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { infraPath, readJson } from './infraFiles';

/**
 * Built-in role definition ids, as https://learn.microsoft.com/azure/role-based-access-control/built-in-roles lists
 * them (the first five are also what the azd Functions quickstarts assign). Kept here, apart from
 * infra/role/builtInRoles.json, so a typo in the file the Bicep loads cannot also be in the check.
 */
const DOCUMENTED_BUILT_IN_ROLES: Record<string, string> = {
  'Storage Blob Data Owner': 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b',
  'Storage Queue Data Contributor': '974c5e8b-45b9-4653-ba55-5f855dd0fb88',
  'Storage Table Data Contributor': '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3',
  'Monitoring Metrics Publisher': '3913510d-42f4-4e42-8a64-420c390055eb',
  'Durable Task Data Contributor': '0ad04412-c4d5-4796-b79c-f76d14c8d402',
  'Storage Blob Data Contributor': 'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
};

const GUID_RE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

function filesUnder(dir: string, ext: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name), ext) : ext.test(e.name) ? [join(dir, e.name)] : [],
  );
}

describe('role definition ids used by infra/', () => {
  const table = readJson<Record<string, string>>(infraPath('role', 'builtInRoles.json'));
  const entries = Object.entries(table).filter(([k]) => !k.startsWith('$'));

  it('builtInRoles.json holds only documented built-in roles, with their documented ids', () => {
    const documented = Object.fromEntries(
      Object.entries(DOCUMENTED_BUILT_IN_ROLES).map(([name, id]) => [name.replace(/\s+/g, ''), id]),
    );
    for (const [key, id] of entries) expect({ role: key, id }).toEqual({ role: key, id: documented[key] });
  });

  it('no Bicep file or role file hard-codes a GUID: ids come from builtInRoles.json or guid()', () => {
    const files = filesUnder(infraPath(), /\.(bicep|json)$/).filter(
      (f) => !f.endsWith('builtInRoles.json') && !f.includes(`${join('infra', 'workbook')}`),
    );
    const found = files.flatMap((f) =>
      (readFileSync(f, 'utf8').match(GUID_RE) ?? []).map((g) => `${f}: ${g}`),
    );
    expect(found).toEqual([]);
  });

  it('every built-in role the Bicep files name is in the table, and every table entry is used', () => {
    const bicep = filesUnder(infraPath('app'), /\.bicep$/).map((f) => readFileSync(f, 'utf8'));
    const used = new Set(
      bicep.flatMap((text) => [...text.matchAll(/(?<!\/)\bbuiltInRoles\.(\w+)/g)].map((m) => m[1] ?? '')),
    );
    expect([...used].filter((k) => !(k in table))).toEqual([]);
    expect(entries.map(([k]) => k).filter((k) => !used.has(k))).toEqual([]);
  });

  it('grants no broad built-in role (Owner, Contributor, Network Contributor, User Access Administrator)', () => {
    const broad = [
      '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
      'b24988ac-6180-42a0-ab88-20f7382dd24c',
      '4d97b98b-1d4f-4787-a291-c67834d212e7',
      '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
    ];
    expect(entries.filter(([, id]) => broad.includes(id))).toEqual([]);
    expect(readFileSync(infraPath('main.bicep'), 'utf8')).not.toMatch(
      /Network Contributor|'Owner'|Contributor'/,
    );
  });
});
