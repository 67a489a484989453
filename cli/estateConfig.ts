import type { ArmResource } from '../src/arm/ArmResource';
import { ConfigError } from '../src/planner/config/ConfigError';
import { parseConfig } from '../src/planner/config/parseConfig';
import { REFERENCE_TOPOLOGY_NAME } from '../estates/loadEstate';
import { CliError } from './CliError';
import { defaultConfigFor } from './inferHub';
import { referenceConfig } from './referenceConfig';

/** What every local command hands the planner: parseConfig has checked it, so the hub id is a string. */
export type EstateConfig = ReturnType<typeof defaultConfigFor> & Record<string, unknown>;

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
): EstateConfig {
  const config: EstateConfig = {
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
