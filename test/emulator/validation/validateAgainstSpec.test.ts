import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { invalidRequestFormat } from '../../../src/arm/errors/commonErrors';
import { networkSpecFolder } from '../../../emulator/validation/spec/specDirectory';
import { specResourceTypes, validateAgainstSpec } from '../../../emulator/validation/validateAgainstSpec';

const stable = join(networkSpecFolder(), '..');

/** Every Microsoft.Network PUT example in the shared specs, with the resource type its path writes. */
const EXAMPLES: [file: string, type: string, parameter: string][] = [
  ['2025-05-01/examples/VirtualNetworkCreate.json', 'Microsoft.Network/virtualNetworks', 'parameters'],
  ['2025-05-01/examples/LoadBalancerCreate.json', 'Microsoft.Network/loadBalancers', 'parameters'],
  [
    '2025-05-01/examples/NetworkSecurityGroupCreateWithRule.json',
    'Microsoft.Network/networkSecurityGroups',
    'parameters',
  ],
  ['2025-05-01/examples/RouteTableCreateWithRoute.json', 'Microsoft.Network/routeTables', 'parameters'],
  ['2025-05-01/examples/AzureFirewallPut.json', 'Microsoft.Network/azureFirewalls', 'parameters'],
  [
    '2025-05-01/examples/ExpressRouteCircuitPeeringCreate.json',
    'Microsoft.Network/expressRouteCircuits/peerings',
    'peeringParameters',
  ],
  ['2025-03-01/examples/NetworkInterfaceCreate.json', 'Microsoft.Network/networkInterfaces', 'parameters'],
  ['2025-03-01/examples/RouteTableCreate.json', 'Microsoft.Network/routeTables', 'parameters'],
  [
    '2025-03-01/examples/VirtualNetworkPeeringSync.json',
    'Microsoft.Network/virtualNetworks/virtualNetworkPeerings',
    'VirtualNetworkPeeringParameters',
  ],
  ['2025-01-01/examples/SubnetCreate.json', 'Microsoft.Network/virtualNetworks/subnets', 'subnetParameters'],
];

function exampleBody(file: string, parameter: string): Record<string, unknown> {
  const example = JSON.parse(readFileSync(join(stable, file), 'utf8')) as {
    parameters: Record<string, unknown>;
  };
  return structuredClone(example.parameters[parameter]) as Record<string, unknown>;
}

/** The example body with one change applied at a dotted path ('properties.securityRules.0.properties'). */
function variant(
  file: string,
  parameter: string,
  path: string,
  change: (parent: Record<string, unknown>, key: string) => void,
) {
  const body = exampleBody(file, parameter);
  const keys = path.split('.');
  const last = keys.pop() ?? '';
  let node: Record<string, unknown> = body;
  for (const key of keys) node = node[key] as Record<string, unknown>;
  change(node, last);
  return body;
}

function expectBadRequest(type: string, body: unknown, target: string, messagePart: RegExp) {
  const error = validateAgainstSpec(type, body);
  expect(error?.status).toBe(400);
  expect(error?.code).toBe(invalidRequestFormat('', '').code);
  expect(error?.body.target).toBe(target);
  expect(error?.body.message).toMatch(messagePart);
}

describe('validateAgainstSpec', () => {
  it('knows every type the emulator serves, top-level and child', () => {
    expect(specResourceTypes()).toEqual(
      expect.arrayContaining([
        'microsoft.network/virtualnetworks',
        'microsoft.network/virtualnetworks/subnets',
        'microsoft.network/virtualnetworks/virtualnetworkpeerings',
        'microsoft.network/networkinterfaces',
        'microsoft.network/loadbalancers',
        'microsoft.network/routetables',
        'microsoft.network/routetables/routes',
        'microsoft.network/networksecuritygroups',
        'microsoft.network/networksecuritygroups/securityrules',
        'microsoft.network/publicipaddresses',
        'microsoft.network/azurefirewalls',
        'microsoft.network/bastionhosts',
        'microsoft.network/expressroutecircuits',
        'microsoft.network/expressroutecircuits/peerings',
        'microsoft.network/virtualnetworkgateways',
      ]),
    );
  });

  it.each(EXAMPLES)('accepts the official example %s', (file, type, parameter) => {
    expect(validateAgainstSpec(type, exampleBody(file, parameter))).toBeUndefined();
  });

  it('matches the resource type case-insensitively', () => {
    const body = exampleBody(EXAMPLES[0]![0], 'parameters');
    body.properties = { addressSpace: { addressPrefixes: 'x' } };
    expect(validateAgainstSpec('MICROSOFT.NETWORK/VIRTUALNETWORKS', body)?.status).toBe(400);
  });

  it('refuses a string where the spec wants an array, naming the field', () => {
    const body = variant(EXAMPLES[0]![0], 'parameters', 'properties.addressSpace.addressPrefixes', (p, k) => {
      p[k] = '10.0.0.0/16';
    });
    expectBadRequest(
      'Microsoft.Network/virtualNetworks',
      body,
      'properties.addressSpace.addressPrefixes',
      /List<String>/,
    );
  });

  it('refuses an object inside a string array, naming the element', () => {
    const body = variant(EXAMPLES[0]![0], 'parameters', 'properties.addressSpace.addressPrefixes', (p, k) => {
      p[k] = ['10.0.0.0/16', { prefix: '10.1.0.0/16' }];
    });
    expectBadRequest(
      'Microsoft.Network/virtualNetworks',
      body,
      'properties.addressSpace.addressPrefixes[1]',
      /String/,
    );
  });

  it('refuses a non-numeric priority on a security rule', () => {
    const body = variant(
      EXAMPLES[2]![0],
      'parameters',
      'properties.securityRules.0.properties.priority',
      (p, k) => {
        p[k] = 'high';
      },
    );
    expectBadRequest(
      'Microsoft.Network/networkSecurityGroups',
      body,
      'properties.securityRules[0].properties.priority',
      /Error converting value "high" to type 'Int32'/,
    );
  });

  it('refuses a missing required field: security rule priority, route nextHopType', () => {
    const nsg = variant(
      EXAMPLES[2]![0],
      'parameters',
      'properties.securityRules.0.properties.priority',
      (p, k) => {
        delete p[k];
      },
    );
    expectBadRequest(
      'Microsoft.Network/networkSecurityGroups',
      nsg,
      'properties.securityRules[0].properties.priority',
      /Required property 'priority' not found/,
    );
    expectBadRequest(
      'Microsoft.Network/routeTables/routes',
      { properties: { addressPrefix: '10.0.3.0/24' } },
      'properties.nextHopType',
      /Required property 'nextHopType'/,
    );
  });

  it('refuses a value outside a closed enum and accepts any string for modelAsString enums', () => {
    expectBadRequest(
      'Microsoft.Network/publicIPAddresses',
      { location: 'westeurope', properties: { dnsSettings: { domainNameLabelScope: 'Sometimes' } } },
      'properties.dnsSettings.domainNameLabelScope',
      /PublicIpAddressDnsSettingsDomainNameLabelScope/,
    );
    expect(
      validateAgainstSpec('Microsoft.Network/publicIPAddresses', {
        location: 'westeurope',
        properties: { dnsSettings: { domainNameLabelScope: 'noreuse' }, publicIPAddressVersion: 'IPv7' },
      }),
    ).toBeUndefined();
  });

  it('ignores read-only and unknown properties and treats null as absent', () => {
    expect(
      validateAgainstSpec('Microsoft.Network/virtualNetworks', {
        location: 'westeurope',
        etag: 42,
        somethingNew: { nested: true },
        properties: {
          provisioningState: { not: 'a string' },
          addressSpace: { addressPrefixes: ['10.0.0.0/16'] },
          subnets: [{ name: 'a', properties: { addressPrefix: '10.0.0.0/24', ipConfigurations: 'ignored' } }],
          dhcpOptions: null,
        },
      }),
    ).toBeUndefined();
  });

  it('reads lenient scalars the way ARM does and matches property names case-insensitively', () => {
    expect(
      validateAgainstSpec('Microsoft.Network/networkSecurityGroups/securityRules', {
        Properties: {
          Protocol: 'Tcp',
          access: 'Allow',
          priority: '100',
          direction: 'Inbound',
          sourcePortRange: 80,
        },
      }),
    ).toBeUndefined();
    expectBadRequest(
      'Microsoft.Network/networkSecurityGroups/securityRules',
      { properties: { protocol: 'Tcp', access: 'Allow', PRIORITY: 1.5, direction: 'Inbound' } },
      'properties.PRIORITY',
      /Int32/,
    );
  });

  it('checks types without a spec file against the SDK models (Azure Firewall)', () => {
    const body = variant(EXAMPLES[4]![0], 'parameters', 'properties.ipConfigurations', (p, k) => {
      p[k] = { name: 'not-an-array' };
    });
    expectBadRequest('Microsoft.Network/azureFirewalls', body, 'properties.ipConfigurations', /List</);
    const enumBody = variant(EXAMPLES[4]![0], 'parameters', 'properties.threatIntelMode', (p, k) => {
      p[k] = { mode: 'Alert' };
    });
    expectBadRequest('Microsoft.Network/azureFirewalls', enumBody, 'properties.threatIntelMode', /String/);
  });

  it('rebuilds the nesting of flattened SDK models: required fields and closed enums (VPN gateway)', () => {
    const gateway = (extra: Record<string, unknown>) => ({
      location: 'westeurope',
      properties: { gatewayType: 'Vpn', vpnType: 'RouteBased', ...extra },
    });
    expect(validateAgainstSpec('Microsoft.Network/virtualNetworkGateways', gateway({}))).toBeUndefined();
    expectBadRequest(
      'Microsoft.Network/virtualNetworkGateways',
      gateway({ vpnClientConfiguration: { vpnClientRootCertificates: [{ name: 'root', properties: {} }] } }),
      'properties.vpnClientConfiguration.vpnClientRootCertificates[0].properties.publicCertData',
      /Required property 'publicCertData'/,
    );
    expectBadRequest(
      'Microsoft.Network/virtualNetworkGateways',
      { ...gateway({}), identity: { type: 'Everyone' } },
      'identity.type',
      /Error converting value "Everyone"/,
    );
  });

  it('checks the peering sync body of a child PUT', () => {
    const body = variant(
      EXAMPLES[8]![0],
      'VirtualNetworkPeeringParameters',
      'properties.allowForwardedTraffic',
      (p, k) => {
        p[k] = 'perhaps';
      },
    );
    expectBadRequest(
      'Microsoft.Network/virtualNetworks/virtualNetworkPeerings',
      body,
      'properties.allowForwardedTraffic',
      /Boolean/,
    );
  });

  it('refuses a body that is not an object and passes unknown types through', () => {
    expect(validateAgainstSpec('Microsoft.Network/virtualNetworks', [])?.status).toBe(400);
    expect(validateAgainstSpec('Microsoft.Network/natGateways', { anything: 1 })).toBeUndefined();
  });
});
