import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { APP_SETTING_DEFINITIONS, HOST_SETTING_NAMES } from '../../src/config/appSettings';
import { readBicep, varObjectKeys } from '../helpers/bicep';
import { infraPath, REPO } from './infraFiles';

/** Set by the Functions platform itself, not by the deployment. */
const PLATFORM_SETTINGS = ['WEBSITE_INSTANCE_ID'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Names read as `env.NAME`, `process.env.NAME` or `env['NAME']`. */
function settingsReadIn(text: string): string[] {
  return [...text.matchAll(/\benv(?:\.([A-Za-z_]\w*)|\[\s*['"](\w+)['"]\s*\])/g)].map(
    (m) => m[1] ?? m[2] ?? '',
  );
}

describe('every environment variable the deployed code reads is set by infra', () => {
  const read = new Map<string, string>();
  for (const file of sourceFiles(join(REPO, 'src'))) {
    for (const name of settingsReadIn(readFileSync(file, 'utf8')))
      read.set(name, file.replace(`${REPO}/`, ''));
  }
  const setByInfra = new Set([
    ...varObjectKeys(readBicep(infraPath('main.bicep')), 'dualstackAppSettings'),
    ...varObjectKeys(readBicep(infraPath('app', 'api.bicep')), 'hostAppSettings'),
  ]);

  it('every %SETTING% the Functions host resolves (trigger bindings, host.json) is set by infra', () => {
    const bindingFiles = [...sourceFiles(join(REPO, 'src')), join(REPO, 'host.json')];
    const referenced = new Set(
      bindingFiles.flatMap((f) =>
        [...readFileSync(f, 'utf8').matchAll(/'%(\w+)%'|"%(\w+)%"/g)].map((m) => m[1] ?? m[2] ?? ''),
      ),
    );
    expect(referenced.has('DURABLE_TASK_HUB')).toBe(true);
    expect([...referenced].filter((name) => !setByInfra.has(name))).toEqual([]);
  });

  it('recognises the ways code reads the environment', () => {
    expect(
      settingsReadIn("const a = process.env.FOO_1; const b = env['BAR']; f(env.Baz); environment.NOT"),
    ).toEqual(['FOO_1', 'BAR', 'Baz']);
  });

  it('each name read directly from the environment in src/ is a declared setting that infra sets, or a platform one', () => {
    const unset = [...read.entries()]
      .filter(([name]) => !PLATFORM_SETTINGS.includes(name) && !setByInfra.has(name))
      .map(([name, file]) => `${name} (${file})`);
    expect(unset).toEqual([]);
    const undeclared = [...read.keys()].filter(
      (name) =>
        !PLATFORM_SETTINGS.includes(name) &&
        !APP_SETTING_DEFINITIONS.some((d) => d.name === name) &&
        !(HOST_SETTING_NAMES as readonly string[]).includes(name),
    );
    expect(undeclared).toEqual([]);
  });
});
