/** One vendored azure-cli recording: where it came from and the emulator rules it backs. */
export interface CassetteSpec {
  /** File under test/conformance/recordings/ (the same name as in Azure/azure-cli). */
  file: string;
  /** The Azure/azure-cli commit it was read at. */
  commit: string;
  /** Emulator behaviours this recording shows Azure doing (named in emulator/validation/RULES.md). */
  backs: string[];
  /** Interactions (1-based, as in the file) left out for a reason specific to this recording. */
  exclusions?: { indexes: number[]; reason: string }[];
}

/** Where the recordings live in Azure/azure-cli. */
export const SOURCE_DIR = 'src/azure-cli/azure/cli/command_modules/network/tests/latest/recordings';

export const CASSETTES: CassetteSpec[] = [
  {
    file: 'test_network_subnet_set.yaml',
    commit: '084c71157bf114cd6085e56ddbea6a237fda6925',
    backs: [
      'subnet PUT as a child (prefix change, NSG association and removal)',
      'etag: new on every write, and again when the operation ends',
    ],
  },
  {
    file: 'test_network_vnet_caching.yaml',
    commit: '08eff40b2f4e26bfb736d8dcb248c2899902d59e',
    backs: [
      'GET of a missing VNet: 404 ResourceNotFound',
      'VNet PUT with inline subnets',
      'tags-only PUT: Succeeded at once, etag kept when its operation ends',
    ],
  },
];
