import type { ArmResource } from '../src/arm/ArmResource';
import { TopologyError } from '../src/topology/TopologyError';
import { loadEstate } from '../estates/loadEstate';
import { CliError } from './CliError';

/** The --topology estate; a file that can't be used is a CliError naming the option, the file and each field. */
export async function loadTopologyOption(pathOrName: string): Promise<ArmResource[]> {
  try {
    return await loadEstate(pathOrName);
  } catch (error) {
    if (error instanceof TopologyError) throw new CliError(`--topology ${error.message}`);
    throw error;
  }
}
