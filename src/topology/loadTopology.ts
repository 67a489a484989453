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

/** `generated:<spokes>x<subnets per spoke>x<NICs per subnet>[@<seed>]`, e.g. `generated:1000x3x3@7`. */
const GENERATED_RE = /^generated:(\d+)x(\d+)x(\d+)(?:@(-?\d+))?$/i;

async function generatedTopology(name: string): Promise<ArmResource[]> {
  const m = GENERATED_RE.exec(name);
  if (!m) {
    const message =
      'expected generated:<spokes>x<subnets per spoke>x<NICs per subnet>[@<seed>], e.g. generated:100x3x3@1';
    throw new TopologyError([{ field: '', message }], name);
  }
  const [spokes, subnetsPerSpoke, nicsPerSubnet, seed] = [m[1], m[2], m[3], m[4] ?? '1'].map(Number) as [
    number,
    number,
    number,
    number,
  ];
  const { generateEstate } = await import('../../emulator/topologies/generateEstate');
  try {
    return parseTopology(generateEstate({ spokes, subnetsPerSpoke, nicsPerSubnet, seed }), name);
  } catch (err) {
    if (err instanceof TopologyError) throw err;
    throw new TopologyError([{ field: '', message: reasonOf(err) }], name);
  }
}

/**
 * Loads a topology file (see parseTopology for the format), the reference
 * topology for the name 'reference', or a generated estate for
 * `generated:<spokes>x<subnets>x<nics>[@<seed>]`. Every failure is a
 * TopologyError naming the file, and for bad content the resource id and field.
 */
export async function loadTopology(pathOrName: string): Promise<ArmResource[]> {
  // Built-in topologies are loaded on demand: they live with the emulator, which is never deployed.
  if (pathOrName.toLowerCase() === REFERENCE_TOPOLOGY_NAME) {
    const { referenceTopology } = await import('../../emulator/topologies/referenceTopology');
    return parseTopology(referenceTopology(), REFERENCE_TOPOLOGY_NAME);
  }
  if (pathOrName.toLowerCase().startsWith('generated:')) return generatedTopology(pathOrName);
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
