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

const BASIC_RETIRED =
  'recorded before Basic SKU public IPs were retired (new ones refused since 31 March 2025, IPv4BasicSkuPublicIpCountLimitReached): the Basic public IP in the template and the Basic load balancer on it can no longer be created, and the reads of them follow';

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
  {
    file: 'test_network_lb_zone.yaml',
    commit: '0070732ccf101c32f38c9fcb44c6f603f5ec773f',
    backs: [
      'IPv6 public IP (Standard, Static)',
      'load balancer frontend with privateIPAddressVersion IPv6 on an IPv6 public IP',
      'internal frontends take the next free address of their subnet',
      'load balancer PUT answers Succeeded at once',
    ],
    exclusions: [{ indexes: [1, 2, 3], reason: BASIC_RETIRED }],
  },
  {
    file: 'test_network_vnet_peering_sync.yaml',
    commit: '0033cb0e135d4cf09ad8fc9f3ddee4270b805d63',
    backs: [
      'peering PUT: Initiated/RemoteNotInSync until the remote side exists, then Connected/FullyInSync on both',
      'remoteAddressSpace and remoteVirtualNetworkAddressSpace mirror the remote VNet',
      'PUT ?syncRemoteAddressSpace=true on an in-sync peering: 200, Updating, new etag',
      'useRemoteGateways needs a gateway in the remote VNet (remoteGateways lists it)',
    ],
  },
  {
    file: 'test_network_extended_nsg.yaml',
    commit: '08eff40b2f4e26bfb736d8dcb248c2899902d59e',
    backs: [
      'security rule PUT as a child: plural prefixes and port ranges kept as sent',
      'the rule PUT replaces the rule: singular and plural forms swap',
    ],
  },
  {
    file: 'test_network_subnet_endpoint_service.yaml',
    commit: '0cebdd14a06bfec544dbbaf58cba4ba935a8b276',
    backs: ['subnet PUT into an existing VNet (201), and its update without a property drops it'],
  },
  {
    file: 'test_network_vnet_with_subnet_nsg.yaml',
    commit: '084c71157bf114cd6085e56ddbea6a237fda6925',
    backs: [
      'VNet PUT with two prefixes and a subnet that names an NSG',
      'subnet list and child GET',
      'subnet DELETE: 202 with Azure-AsyncOperation and Location',
    ],
  },
  {
    file: 'test_network_route_table_operation.yaml',
    commit: '0b41c1ed0b17b5cd24f6e35fb68f5a88945ea299',
    backs: [
      'route table PUT: disableBgpRoutePropagation defaults to false',
      'route PUT as a child: the table and its routes share one new etag',
      'route nextHopType change; route DELETE 202',
    ],
  },
  {
    file: 'test_network_lb_sku.yaml',
    commit: '07c00c0927a79470ac1fb1697f7c8aaabb191be2',
    backs: [
      'Standard load balancer with a public frontend: Dynamic, IPv4 by default',
      'public IP back-reference (ipConfiguration) to the frontend that uses it',
    ],
  },
  {
    file: 'test_network_lb_frontend_ip_zone.yaml',
    commit: '0b41c1ed0b17b5cd24f6e35fb68f5a88945ea299',
    backs: ['internal Standard frontend in a new subnet takes 10.0.0.4, the first usable address'],
  },
  {
    file: 'test_network_lb_address_pool.yaml',
    commit: '08eff40b2f4e26bfb736d8dcb248c2899902d59e',
    backs: [
      'backend pool added by a load balancer PUT: Succeeded at once, one new etag for the LB and its children',
    ],
    exclusions: [{ indexes: [3, 4, 5, 6, 7, 8], reason: BASIC_RETIRED }],
  },
  {
    file: 'test_network_vnet_peering.yaml',
    commit: '17bf14ba1bd53175404b7c795e08edff45676ef8',
    backs: [
      'VNet PUT answers Updating, new etag when its operation ends; dhcpOptions {} echoed with dnsServers []',
    ],
  },
];
