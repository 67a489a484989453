import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readBicep, type BicepFile } from '../helpers/bicep';

/** Paths and parsed files shared by the infra tests. */
export const REPO = resolve(__dirname, '../..');
export const INFRA = join(REPO, 'infra');

export function infraPath(...parts: string[]): string {
  return join(INFRA, ...parts);
}

/** main.bicep and every module under infra/app/. */
export function deploymentBicepFiles(): BicepFile[] {
  const app = readdirSync(infraPath('app'))
    .filter((f) => f.endsWith('.bicep'))
    .sort()
    .map((f) => readBicep(infraPath('app', f)));
  return [readBicep(infraPath('main.bicep')), ...app];
}

export function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

export interface RoleActionsFile {
  roleName: string;
  description: string;
  actions: string[];
}
