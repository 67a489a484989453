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

/** The name that loads the built-in reference topology instead of a file. */
export const REFERENCE_TOPOLOGY_NAME = 'reference';

/**
 * Loads a topology file (see parseTopology for the format), or the reference
 * topology for the name 'reference'. Every failure is a TopologyError naming
 * the file, and for bad content the resource id and field.
 */
export async function loadTopology(pathOrName: string): Promise<ArmResource[]> {
  if (pathOrName.toLowerCase() === REFERENCE_TOPOLOGY_NAME) {
    // Loaded on demand: the reference topology lives with the emulator, which is never deployed.
    const { referenceTopology } = await import('../../emulator/topologies/referenceTopology');
    return parseTopology(referenceTopology(), REFERENCE_TOPOLOGY_NAME);
  }
  let text: string;
  try {
    text = await readFile(pathOrName, 'utf8');
  } catch (err) {
    throw new TopologyError(
      [{ field: '', message: `cannot read the topology file: ${reasonOf(err)}` }],
      pathOrName,
    );
  }
  let json: unknown;
  try {
    // Exports saved by PowerShell often start with a byte-order mark.
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new TopologyError([{ field: '', message: `not valid JSON: ${reasonOf(err)}` }], pathOrName);
  }
  return parseTopology(json, pathOrName);
}
