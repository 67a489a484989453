import { readFile } from 'node:fs/promises';
import { CliError } from './CliError';

/** The --config file as JSON (undefined when none is given); a CliError names the file and why. */
export async function readConfig(path: string | undefined): Promise<Record<string, unknown> | undefined> {
  if (!path) return undefined;
  const text = await readFile(path, 'utf8').catch((e: Error) => {
    throw new CliError(`--config: cannot read ${path}: ${e.message}`);
  });
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new CliError(`--config: ${path} is not JSON: ${(e as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new CliError(`--config: ${path}: (root): must be a JSON object`);
  return json as Record<string, unknown>;
}
