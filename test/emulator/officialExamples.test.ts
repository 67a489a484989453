import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ArmResource } from '../../src/arm/ArmResource';
import type { EmulatorHandle } from '../../emulator/EmulatorOptions';
import { startEmulator } from '../../emulator/startEmulator';
import { armRequest } from './emulatorTestKit';

const EXAMPLES = path.resolve(
  __dirname,
  '../../vendor/azure-rest-api-specs/specification/network/resource-manager/Microsoft.Network/stable',
);

/** Path template per example, from the operation each example documents. */
const CASES: { file: string; path: string; query?: string }[] = [
  { file: '2025-05-01/examples/VirtualNetworkCreate.json', path: 'virtualNetworks/{virtualNetworkName}' },
  {
    file: '2025-01-01/examples/SubnetCreate.json',
    path: 'virtualNetworks/{virtualNetworkName}/subnets/{subnetName}',
  },
  {
    file: '2025-03-01/examples/NetworkInterfaceCreate.json',
    path: 'networkInterfaces/{networkInterfaceName}',
  },
  { file: '2025-05-01/examples/LoadBalancerCreate.json', path: 'loadBalancers/{loadBalancerName}' },
  {
    file: '2025-05-01/examples/NetworkSecurityGroupCreateWithRule.json',
    path: 'networkSecurityGroups/{networkSecurityGroupName}',
  },
  { file: '2025-05-01/examples/RouteTableCreateWithRoute.json', path: 'routeTables/{routeTableName}' },
  { file: '2025-03-01/examples/RouteTableCreate.json', path: 'routeTables/{routeTableName}' },
  {
    file: '2025-03-01/examples/VirtualNetworkPeeringSync.json',
    path: 'virtualNetworks/{virtualNetworkName}/virtualNetworkPeerings/{virtualNetworkPeeringName}',
    query: '&syncRemoteAddressSpace=true',
  },
  { file: '2025-05-01/examples/AzureFirewallPut.json', path: 'azureFirewalls/{azureFirewallName}' },
  {
    file: '2025-05-01/examples/ExpressRouteCircuitPeeringCreate.json',
    path: 'expressRouteCircuits/{circuitName}/peerings/{peeringName}',
  },
];

/**
 * Response fields the emulator does not model: values only the real platform
 * has (BGP communities, ExpressRoute connection objects, IPv6 Microsoft-peering
 * state). Everything else in the examples' responses must be present.
 */
const UNMODELLED = [/remoteBgpCommunities/, /expressRouteConnection/, /ipv6PeeringConfig/];

function net(sub: string, rg: string, rest: string): string {
  return `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Network/${rest}`;
}

function vnet(
  sub: string,
  rg: string,
  name: string,
  prefix: string,
  subnets: [string, string][],
): ArmResource {
  return {
    id: net(sub, rg, `virtualNetworks/${name}`),
    name,
    type: 'Microsoft.Network/virtualNetworks',
    location: 'eastus',
    properties: {
      addressSpace: { addressPrefixes: [prefix] },
      subnets: subnets.map(([n, p]) => ({ name: n, properties: { addressPrefix: p } })),
    },
  };
}

/** What the examples reference: the VNets, subnets, public IPs and circuit they assume exist. */
function prerequisites(): ArmResource[] {
  const z = '00000000-0000-0000-0000-000000000000';
  const pip = (name: string): ArmResource => ({
    id: net('subid', 'rg1', `publicIPAddresses/${name}`),
    name,
    type: 'Microsoft.Network/publicIPAddresses',
    location: 'eastus',
    sku: { name: 'Standard' },
    properties: { publicIPAllocationMethod: 'Static' },
  });
  const group = (sub: string, name: string): ArmResource => ({
    id: `/subscriptions/${sub}/resourceGroups/${name}`,
    name,
    type: 'Microsoft.Resources/resourceGroups',
    location: 'eastus',
  });
  return [
    group(z, 'rg1'),
    vnet('subid', 'subnet-test', 'vnetname', '10.0.0.0/16', []),
    vnet('subid', 'rg1', 'rg1-vnet', '10.1.0.0/16', [['default', '10.1.0.0/24']]),
    vnet('subid', 'rg1', 'vnet2', '10.2.0.0/16', [['AzureFirewallSubnet', '10.2.0.0/26']]),
    vnet('subid', 'rg1', 'vnetlb', '10.3.0.0/16', [['subnetlb', '10.3.0.0/24']]),
    vnet(z, 'peerTest', 'vnet1', '11.0.0.0/8', []),
    vnet(z, 'peerTest', 'vnet2', '12.0.0.0/8', []),
    pip('test-ip'),
    pip('pipName'),
    {
      id: net('subid', 'rg1', 'expressRouteCircuits/circuitName'),
      name: 'circuitName',
      type: 'Microsoft.Network/expressRouteCircuits',
      location: 'eastus',
      sku: { name: 'Standard_MeteredData', tier: 'Standard' },
      properties: {
        serviceProviderProperties: {
          serviceProviderName: 'Equinix',
          peeringLocation: 'Amsterdam',
          bandwidthInMbps: 200,
        },
        peerings: [],
      },
    },
  ];
}

function keyPaths(value: unknown, prefix = ''): Set<string> {
  const out = new Set<string>();
  if (Array.isArray(value)) {
    for (const item of value) for (const k of keyPaths(item, `${prefix}[].`)) out.add(k);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.add(`${prefix}${k}`);
      for (const sub of keyPaths(v, `${prefix}${k}.`)) out.add(sub);
    }
  }
  return out;
}

describe('official x-ms-examples against the emulator', () => {
  let handle: EmulatorHandle;
  beforeAll(async () => {
    handle = await startEmulator({ timeScale: 0 });
    handle.load(prerequisites());
  });
  afterAll(() => handle.stop());

  it.each(CASES)(
    '$file: the request body is accepted and the response has the example shape',
    async ({ file, path: template, query }) => {
      const example = JSON.parse(readFileSync(path.join(EXAMPLES, file), 'utf8')) as {
        parameters: Record<string, unknown>;
        responses: Record<string, { body?: unknown }>;
      };
      const params = example.parameters;
      const body = Object.values(params).find((v) => typeof v === 'object' && v !== null);
      const rest = template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name]));
      const url = `${net(String(params.subscriptionId), String(params.resourceGroupName), rest)}?api-version=${String(params['api-version'])}${query ?? ''}`;
      const put = await armRequest(handle, 'PUT', url, { body });
      expect({ status: put.status, error: put.body?.error }).toEqual({
        status: expect.any(Number),
        error: undefined,
      });
      expect(Object.keys(example.responses)).toContain(String(put.status));
      const got = await armRequest(handle, 'GET', url);
      expect(got.status).toBe(200);
      expect(got.body.properties.provisioningState).toBe('Succeeded');
      const expected = example.responses['200']?.body ?? example.responses['201']?.body;
      const ours = keyPaths(got.body);
      const missing = [...keyPaths(expected)].filter(
        (k) => !ours.has(k) && !UNMODELLED.some((re) => re.test(k)),
      );
      expect(missing).toEqual([]);
    },
  );
});
