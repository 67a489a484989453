import type { ArmResource } from '../src/arm/ArmResource';
import { ConfigError } from '../src/planner/config/ConfigError';
import { parseConfig } from '../src/planner/config/parseConfig';
import { REFERENCE_TOPOLOGY_NAME } from '../estates/loadEstate';
import { CliError } from './CliError';
import { defaultConfigFor } from './inferHub';
import { referenceConfig } from './referenceConfig';

/**
 * The planner configuration for an estate given on the command line: hub and scope inferred from
 * the topology, the reference estate's extras when it runs without a file, then the --config file.
 * Checked here, so a bad file fails before anything starts (a CliError naming --config and the field).
 */
export function estateConfig(
  topologyName: string,
  topology: readonly ArmResource[],
  fileConfig: Record<string, unknown> | undefined,
  configPath?: string,
): Record<string, unknown> {
  const config = {
    ...defaultConfigFor(topology),
    ...(topologyName.toLowerCase() === REFERENCE_TOPOLOGY_NAME && !fileConfig ? referenceConfig() : {}),
    ...fileConfig,
  };
  try {
    parseConfig(config);
  } catch (error) {
    if (error instanceof ConfigError)
      throw new CliError(`--config ${configPath ?? '(none)'}: ${error.message}`);
    throw error;
  }
  return config;
}
