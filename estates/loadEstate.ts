import type { ArmResource } from '../src/arm/ArmResource';
import { loadTopology } from '../src/topology/loadTopology';
import { parseTopology } from '../src/topology/parseTopology';
import { TopologyError } from '../src/topology/TopologyError';
import { generateEstate } from './generateEstate';
import { referenceTopology } from './referenceTopology';

/** The name that loads the built-in reference topology instead of a file. */
export const REFERENCE_TOPOLOGY_NAME = 'reference';

/** `generated:<spokes>x<subnets per spoke>x<NICs per subnet>[@<seed>]`, e.g. `generated:1000x3x3@7`. */
const GENERATED_RE = /^generated:(\d+)x(\d+)x(\d+)(?:@(-?\d+))?$/i;

function generatedTopology(name: string): ArmResource[] {
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
  try {
    return parseTopology(generateEstate({ spokes, subnetsPerSpoke, nicsPerSubnet, seed }), name);
  } catch (err) {
    if (err instanceof TopologyError) throw err;
    throw new TopologyError([{ field: '', message: err instanceof Error ? err.message : String(err) }], name);
  }
}

/**
 * The estate a local command runs on: the built-in reference topology for 'reference', a generated
 * estate for `generated:<spokes>x<subnets>x<nics>[@<seed>]`, otherwise a topology file. The built-in
 * estates are demo and test data, so they live here rather than in the deployed app (src/).
 */
export async function loadEstate(pathOrName: string): Promise<ArmResource[]> {
  if (pathOrName.toLowerCase() === REFERENCE_TOPOLOGY_NAME) {
    return parseTopology(referenceTopology(), REFERENCE_TOPOLOGY_NAME);
  }
  if (pathOrName.toLowerCase().startsWith('generated:')) return generatedTopology(pathOrName);
  return loadTopology(pathOrName);
}
