import { readFile } from 'node:fs/promises';
import { CliError } from './parseArgs';

/** The planner configuration file named by --config (JSON), or {} without one; a bad file is a CLI error (no usage: the flag was right). */
export async function readConfig(path: string | undefined): Promise<Record<string, unknown>> {
  if (!path) return {};
  const text = await readFile(path, 'utf8').catch((e: Error) => {
    throw new CliError(`--config: cannot read ${path}: ${e.message}`, '');
  });
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (e) {
    throw new CliError(`--config: ${path} is not JSON: ${(e as Error).message}`, '');
  }
}
