import type { ArmResource } from '../src/arm/ArmResource';
import { loadTopology, TopologyError } from '../src/topology/loadTopology';
import { CliError } from './CliError';

/** The --topology estate; a file that can't be used is a CliError naming the option, the file and each field. */
export async function loadTopologyOption(pathOrName: string): Promise<ArmResource[]> {
  try {
    return await loadTopology(pathOrName);
  } catch (error) {
    if (error instanceof TopologyError) throw new CliError(`--topology ${error.message}`);
    throw error;
  }
}
