import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { readBicep, type BicepFile } from '../helpers/bicep';

/** Paths and parsed files shared by the infra tests. */
export const REPO = resolve(__dirname, '../..');
export const INFRA = join(REPO, 'infra');

export function infraPath(...parts: string[]): string {
  return join(INFRA, ...parts);
}

/** `main` followed by every .bicep file in `modulesDir`. */
export function bicepFiles(main: string, modulesDir: string): BicepFile[] {
  const modules = readdirSync(modulesDir)
    .filter((f) => f.endsWith('.bicep'))
    .sort()
    .map((f) => readBicep(join(modulesDir, f)));
  return [readBicep(main), ...modules];
}

/** main.bicep and every module under infra/app/. */
export function deploymentBicepFiles(): BicepFile[] {
  return bicepFiles(infraPath('main.bicep'), infraPath('app'));
}

/**
 * What a Bicep compiler would refuse across files: a local module given a parameter it does not
 * declare or missing one it requires, an output read that the module does not declare, a
 * load*Content path that does not exist, an undescribed parameter or output.
 */
export function wiringProblems(files: BicepFile[]): string[] {
  const problems: string[] = [];
  for (const file of files) {
    const at = file.path.replace(`${REPO}/`, '');
    for (const p of file.params.filter((x) => !x.description))
      problems.push(`${at}: param ${p.name} has no @description`);
    for (const o of file.outputs.filter((x) => !x.description))
      problems.push(`${at}: output ${o.name} has no @description`);
    for (const load of file.loads) {
      if (!existsSync(join(dirname(file.path), load.path)))
        problems.push(`${at}: ${load.fn}('${load.path}') does not exist`);
    }
    for (const m of file.modules.filter((x) => !x.path.startsWith('br/'))) {
      const path = join(dirname(file.path), m.path);
      if (!existsSync(path)) {
        problems.push(`${at}: module ${m.name} '${m.path}' does not exist`);
        continue;
      }
      const target = readBicep(path);
      const declared = target.params.map((p) => p.name);
      for (const p of m.params.filter((x) => !declared.includes(x)))
        problems.push(`${at}: module ${m.name} gets undeclared param ${p}`);
      for (const p of target.params.filter((x) => !x.optional && !m.params.includes(x.name))) {
        problems.push(`${at}: module ${m.name} misses required param ${p.name}`);
      }
      const outputs = target.outputs.map((o) => o.name);
      for (const used of file.code.matchAll(
        new RegExp(`\\b${m.name}(?:\\[\\w+\\])?!?\\.outputs\\.(\\w+)`, 'g'),
      )) {
        if (!outputs.includes(used[1] ?? ''))
          problems.push(`${at}: module ${m.name} has no output ${used[1]}`);
      }
    }
  }
  return problems;
}

export function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

export interface RoleActionsFile {
  roleName: string;
  description: string;
  actions: string[];
}
