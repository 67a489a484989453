import { readFile } from 'node:fs/promises';
import type { ArmResource } from '../arm/ArmResource';
import { parseTopology } from './parseTopology';
import { TopologyError } from './TopologyError';

export { parseTopology } from './parseTopology';
export { TopologyError } from './TopologyError';

// Errors from fs may come from another realm (jest), so `instanceof Error` is not enough.
function reasonOf(err: unknown): string {
  const message = (err as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(err);
}

/**
 * Loads a topology file (see parseTopology for the format). Every failure is a
 * TopologyError naming the file, and for bad content the resource id and field.
 */
export async function loadTopology(path: string): Promise<ArmResource[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new TopologyError(
      [{ field: '', message: `cannot read the topology file: ${reasonOf(err)}` }],
      path,
    );
  }
  let json: unknown;
  try {
    // Exports saved by PowerShell often start with a byte-order mark.
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new TopologyError([{ field: '', message: `not valid JSON: ${reasonOf(err)}` }], path);
  }
  return parseTopology(json, path);
}
