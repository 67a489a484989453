import { readFileSync } from 'node:fs';
import { APP_SETTING_DEFINITIONS, HOST_SETTING_NAMES } from '../../src/config/appSettings';
import { readBicep, unescape, varObjectEntries, varObjectKeys } from '../helpers/bicep';
import { infraPath, readJson, REPO } from './infraFiles';

const main = readBicep(infraPath('main.bicep'));
const api = readBicep(infraPath('app', 'api.bicep'));
const appSettingNames = APP_SETTING_DEFINITIONS.map((d) => d.name);
const mainSettings = varObjectEntries(main, 'dualstackAppSettings');

/** A Bicep literal as the string an app setting would hold. */
function literalAsSetting(literal: string): string | undefined {
  const quoted = /^'((?:[^'\\]|\\.)*)'$/.exec(literal);
  if (quoted) return unescape(quoted[1] ?? '');
  if (/^(true|false|-?\d+)$/.test(literal)) return literal;
  return undefined;
}

/** The main.bicep parameter an app setting is computed from: `p`, `string(p)` or `p ? 'true' : 'false'`. */
function sourceParam(expression: string): string | undefined {
  const m = /^(?:string\((\w+)\)|(\w+) \? 'true' : 'false'|(\w+))$/.exec(expression);
  const name = m?.[1] ?? m?.[2] ?? m?.[3];
  return main.params.some((p) => p.name === name) ? name : undefined;
}

/** Whether a main.bicep expression uses `param`, directly or through the vars it names. */
function dependsOn(expression: string, param: string, seen = new Set<string>()): boolean {
  const identifiers: string[] = expression.match(/[A-Za-z_]\w*/g) ?? [];
  if (identifiers.includes(param)) return true;
  return main.vars.some((v) => {
    if (!identifiers.includes(v.name) || seen.has(v.name)) return false;
    seen.add(v.name);
    return dependsOn(v.text.slice(v.text.indexOf('=') + 1), param, seen);
  });
}

describe('app settings: src/config/appSettingDefinitions.ts <-> infra/main.bicep', () => {
  it('main.bicep sets exactly the settings the app reads, no more, no fewer', () => {
    expect([...mainSettings.keys()].sort()).toEqual([...appSettingNames].sort());
  });

  it('api.bicep adds only the declared host settings, and every declared host setting is set', () => {
    const hostKeys = [
      ...varObjectKeys(api, 'hostAppSettings'),
      ...varObjectKeys(api, 'durableTaskSchedulerAppSettings'),
    ];
    expect([...hostKeys].sort()).toEqual([...HOST_SETTING_NAMES].sort());
    expect(hostKeys.filter((k) => (appSettingNames as string[]).includes(k))).toEqual([]);
  });

  it('a setting fed from a parameter has the same default in Bicep as in the app', () => {
    const checked: string[] = [];
    for (const def of APP_SETTING_DEFINITIONS) {
      const param = main.params.find((p) => p.name === sourceParam(mainSettings.get(def.name) ?? ''));
      if (!param) continue;
      checked.push(def.name);
      const bicepDefault =
        param.defaultValue === undefined ? undefined : literalAsSetting(param.defaultValue);
      const appDefault = 'default' in def ? def.default : param.defaultValue === undefined ? undefined : '';
      expect({ setting: def.name, default: bicepDefault }).toEqual({
        setting: def.name,
        default: appDefault,
      });
    }
    // Settings computed from deployed resources rather than parameters, listed so a new one is a conscious choice.
    expect(appSettingNames.filter((n) => !checked.includes(n)).sort()).toEqual(
      [
        'APPLICATIONINSIGHTS_CONNECTION_STRING',
        'AZURE_CLIENT_ID',
        'DUALSTACK_DCR_IMMUTABLE_ID',
        'DUALSTACK_LOGS_INGESTION_ENDPOINT',
        'DUALSTACK_LOGS_STREAM',
        'DUALSTACK_LOG_ANALYTICS_WORKSPACE_ID',
        'DUALSTACK_PRINCIPAL_ID',
        'DUALSTACK_RESERVATIONS_TABLE_ENDPOINT',
        'DUALSTACK_RESOURCE_GROUPS',
        'DUALSTACK_SUBSCRIPTIONS',
        'DUALSTACK_TENANT_ID',
      ].sort(),
    );
  });

  it('an integer setting fed from a parameter has the same bounds in Bicep (@minValue/@maxValue) as in the app', () => {
    const ranged = APP_SETTING_DEFINITIONS.filter((d) => 'range' in d && d.range);
    expect(ranged.length).toBeGreaterThanOrEqual(4);
    for (const def of ranged) {
      const param = main.params.find((p) => p.name === sourceParam(mainSettings.get(def.name) ?? ''));
      if (param?.type !== 'int') continue;
      const bound = (decorator: string): number | undefined => {
        const d = param.decorators.find((x) => x.startsWith(`@${decorator}(`));
        return d === undefined ? undefined : Number(/\((-?\d+)\)/.exec(d)?.[1]);
      };
      expect({ setting: def.name, min: bound('minValue'), max: bound('maxValue') }).toEqual({
        setting: def.name,
        min: 'range' in def ? def.range.min : undefined,
        max: 'range' in def ? def.range.max : undefined,
      });
    }
  });

  it('the stream Bicep reports comes from the schema file and matches the app default', () => {
    const schema = readJson<{ streamName: string }>(`${REPO}/src/monitor/dualStackChangesSchema.json`);
    const stream = APP_SETTING_DEFINITIONS.find((d) => d.name === 'DUALSTACK_LOGS_STREAM');
    expect(stream && 'default' in stream ? stream.default : undefined).toBe(schema.streamName);
    expect(mainSettings.get('DUALSTACK_LOGS_STREAM')).toBe('changeReporting.outputs.streamName');
  });

  it('main.parameters.json maps each azd environment variable with the Bicep default', () => {
    const file = readJson<{ parameters: Record<string, { value: unknown }> }>(
      infraPath('main.parameters.json'),
    );
    for (const [name, { value }] of Object.entries(file.parameters)) {
      const param = main.params.find((p) => p.name === name);
      expect({ name, declared: param !== undefined }).toEqual({ name, declared: true });
      const m = /^\$\{(\w+)(?:=([^}]*))?\}$/.exec(String(value));
      expect(m).not.toBeNull();
      if (m?.[2] !== undefined && param?.defaultValue !== undefined) {
        expect({ name, default: m[2] }).toEqual({ name, default: literalAsSetting(param.defaultValue) });
      }
    }
    const required = main.params.filter((p) => !p.optional).map((p) => p.name);
    expect(required.filter((n) => !(n in file.parameters))).toEqual([]);
  });

  it('an azd variable named after an app setting feeds the parameter behind that setting', () => {
    const file = readJson<{ parameters: Record<string, { value: string }> }>(
      infraPath('main.parameters.json'),
    );
    for (const [param, { value }] of Object.entries(file.parameters)) {
      const variable = /^\$\{(\w+)/.exec(value)?.[1] ?? '';
      if (!(appSettingNames as string[]).includes(variable)) continue;
      expect({ variable, feeds: dependsOn(mainSettings.get(variable) ?? '', param) }).toEqual({
        variable,
        feeds: true,
      });
    }
  });

  it('docs/deploy.md documents every setting with its required flag and default', () => {
    const doc = readFileSync(`${REPO}/docs/deploy.md`, 'utf8');
    for (const def of APP_SETTING_DEFINITIONS) {
      const row = doc.split('\n').find((line) => line.startsWith(`| \`${def.name}\` |`));
      const cells = row?.split(' | ').map((c) => c.trim());
      expect({ setting: def.name, required: cells?.[1], default: cells?.[2] }).toEqual({
        setting: def.name,
        required: def.required ? 'yes' : 'no',
        default: 'default' in def ? `\`${def.default}\`` : '—',
      });
    }
  });
});
