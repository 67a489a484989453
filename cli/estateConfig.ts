import type { ArmResource } from '../src/arm/ArmResource';
import { REFERENCE_TOPOLOGY_NAME } from '../src/topology/loadTopology';
import { defaultConfigFor } from './inferHub';
import { referenceConfig } from './referenceConfig';

/**
 * The planner configuration for an estate given on the command line: hub and scope inferred from
 * the topology, the reference estate's extras when it runs without a file, then the --config file.
 */
export function estateConfig(
  topologyName: string,
  topology: readonly ArmResource[],
  fileConfig: Record<string, unknown> | undefined,
): Record<string, unknown> {
  return {
    ...defaultConfigFor(topology),
    ...(topologyName.toLowerCase() === REFERENCE_TOPOLOGY_NAME && !fileConfig ? referenceConfig() : {}),
    ...fileConfig,
  };
}
