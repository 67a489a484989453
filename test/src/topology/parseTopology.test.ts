import type { ArmResource } from '../../../src/arm/ArmResource';
import { parseTopology } from '../../../src/topology/parseTopology';
import { TopologyError } from '../../../src/topology/TopologyError';
import { parseConfig } from '../../../src/planner/config/parseConfig';
import { planDualStack } from '../../../src/planner/planDualStack';
import { referenceTopology } from '../../../estates/referenceTopology';

type Json = Record<string, any>;

/** A fresh, mutable JSON copy of the reference topology, as a file would hold it. */
function reference(): Json[] {
  return JSON.parse(JSON.stringify(referenceTopology())) as Json[];
}

function byName(resources: Json[], name: string): Json {
  const found = resources.find((r) => r.name === name);
  if (!found) throw new Error(`no resource named ${name}`);
  return found;
}

function parseError(json: unknown, source?: string): TopologyError {
  try {
    parseTopology(json, source);
  } catch (err) {
    if (err instanceof TopologyError) return err;
    throw err;
  }
  throw new Error('parseTopology accepted the topology');
}

describe('parseTopology', () => {
  it('accepts the reference topology serialized as a JSON array and as { value: [...] }', () => {
    const expected = referenceTopology();
    expect(parseTopology(reference())).toEqual(expected);
    expect(parseTopology({ value: reference() })).toEqual(expected);
  });

  it('accepts Resource Graph and az exports: extra fields, nulls and lower-case types are normalized away', () => {
    const exported = reference().map((r) => ({
      ...r,
      type: String(r.type).toLowerCase(),
      resourceGroup: String(r.id).split('/')[4],
      subscriptionId: String(r.id).split('/')[2],
      tenantId: '72f988bf-0000-4000-8000-00000000ad00',
      kind: '',
      managedBy: '',
      plan: null,
      identity: null,
      sku: r.sku ?? null,
      zones: r.zones ?? null,
    }));
    expect(parseTopology({ data: exported, count: exported.length, skip_token: null })).toEqual(
      referenceTopology(),
    );
  });

  it('accepts `az network ... list` output: flattened SDK models with Python-cased names', () => {
    // What az prints: `properties` merged into each object, names like privateIpAddress, resourceGroup and nulls everywhere.
    const pythonCase = (key: string): string =>
      key.replace(/[A-Z]{2,}(?=[A-Z][a-z]|$)/g, (m) => m[0] + m.slice(1).toLowerCase());
    const azShape = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(azShape);
      if (!value || typeof value !== 'object') return value;
      const { properties, ...rest } = value as Json;
      const merged: Json = { ...rest, ...(properties as Json | undefined) };
      const out: Json =
        typeof merged.id === 'string'
          ? { resourceGroup: String(merged.id).split('/')[4], dhcpOptions: null }
          : {};
      for (const [k, v] of Object.entries(merged)) out[pythonCase(k)] = azShape(v);
      return out;
    };
    const exported = reference().map(azShape);
    const nic = (exported as Json[]).find((r) => r.name === 'nic-nva-1')!;
    expect(nic.ipConfigurations[0].privateIpAddress).toBe('10.0.4.5');
    expect(nic.enableIpForwarding).toBe(true);
    expect(parseTopology(exported)).toEqual(referenceTopology());

    const vnet = (exported as Json[]).find((r) => r.name === 'vnet-spoke-prod-1')!;
    vnet.subnets[2].addressPrefix = '10.1.2.0/33';
    expect(parseError(exported).issues).toEqual([
      {
        resourceId: vnet.id,
        field: 'properties.subnets[2].properties.addressPrefix',
        message: '"10.1.2.0/33" is not a valid CIDR',
      },
    ]);
  });

  it('reads NAT gateways from `az network nat gateway list` and Resource Graph, so the planner sees their SKU', () => {
    const sub = '00000000-0000-4000-8000-000000000001';
    const natId = `/subscriptions/${sub}/resourceGroups/rg-spoke-prod-2/providers/Microsoft.Network/natGateways/ng-1`;
    const estate = reference();
    const subnet = byName(estate, 'vnet-spoke-prod-2').properties.subnets[1];
    subnet.properties.natGateway = { id: natId };
    // az prints the SDK model flattened; Resource Graph keeps `properties` but lower-cases the type.
    const az = {
      id: natId,
      name: 'ng-1',
      type: 'Microsoft.Network/natGateways',
      resourceGroup: 'rg-spoke-prod-2',
      location: 'westeurope',
      sku: { name: 'Standard' },
      idleTimeoutInMinutes: 4,
      publicIpAddresses: [
        {
          id: `/subscriptions/${sub}/resourceGroups/rg-spoke-prod-2/providers/Microsoft.Network/publicIPAddresses/pip-ng-1`,
          resourceGroup: 'rg-spoke-prod-2',
        },
      ],
      subnets: [{ id: subnet.id, resourceGroup: 'rg-spoke-prod-2' }],
      provisioningState: 'Succeeded',
      zones: null,
    };
    const graph = {
      id: natId,
      name: 'ng-1',
      type: 'microsoft.network/natgateways',
      location: 'westeurope',
      sku: { name: 'Standard' },
      properties: { idleTimeoutInMinutes: 4 },
    };
    for (const exported of [az, graph]) {
      const parsed = parseTopology([...estate, exported]);
      const nat = parsed.find((r) => r.id === natId);
      expect(nat).toMatchObject({ type: 'Microsoft.Network/natGateways', sku: { name: 'Standard' } });
      expect(nat?.properties?.idleTimeoutInMinutes).toBe(4);
      const hub = parsed.find((r) => r.name === 'vnet-hub');
      const plan = planDualStack(
        parsed,
        parseConfig({ hubVnetId: hub?.id, scope: { subscriptions: [sub] } }),
      );
      expect(plan.warnings.find((w) => w.code === 'NatGatewayNoIpv6Egress')?.message).toContain(
        'subnet snet-app uses NAT gateway ng-1 (Standard)',
      );
    }
  });

  it('accepts resource groups alongside the network resources', () => {
    const group = {
      id: '/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg-hub',
      name: 'rg-hub',
      type: 'Microsoft.Resources/resourceGroups',
      location: 'westeurope',
      properties: { provisioningState: 'Succeeded' },
    };
    expect(parseTopology([group, ...reference()])).toEqual([group, ...referenceTopology()]);
    expect(parseError([{ ...group, name: 'rg-other' }]).issues).toEqual([
      {
        resourceId: group.id,
        field: 'name',
        message: '"rg-other" does not match the name in the id ("rg-hub")',
      },
    ]);
  });

  it('keeps ARM fields it does not know about', () => {
    const resources = reference();
    byName(resources, 'vnet-hub').extendedLocation = { name: 'edge1', type: 'EdgeZone' };
    const parsed = parseTopology(resources);
    expect(byName(parsed, 'vnet-hub').extendedLocation).toEqual({ name: 'edge1', type: 'EdgeZone' });
  });

  it('accepts AVNM resources as ARM lists them (and as az prints them), each on its own', () => {
    const nm =
      '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-avnm/providers/Microsoft.Network/networkManagers/avnm';
    const avnm: Json[] = [
      {
        id: nm,
        name: 'avnm',
        type: 'Microsoft.Network/networkManagers',
        location: 'westeurope',
        properties: {
          networkManagerScopes: { subscriptions: ['/subscriptions/00000000-0000-0000-0000-000000000001'] },
          networkManagerScopeAccesses: ['Connectivity'],
        },
      },
      {
        id: `${nm}/networkGroups/spokes`,
        name: 'spokes',
        type: 'Microsoft.Network/networkManagers/networkGroups',
        properties: { memberType: 'VirtualNetwork' },
      },
      {
        id: `${nm}/networkGroups/spokes/staticMembers/m1`,
        name: 'm1',
        type: 'Microsoft.Network/networkManagers/networkGroups/staticMembers',
        properties: { resourceId: byName(reference(), 'vnet-spoke-prod-1').id, region: 'westeurope' },
      },
      {
        id: `${nm}/connectivityConfigurations/hub-spoke`,
        name: 'hub-spoke',
        type: 'Microsoft.Network/networkManagers/connectivityConfigurations',
        properties: {
          connectivityTopology: 'HubAndSpoke',
          hubs: [{ resourceId: byName(reference(), 'vnet-hub').id }],
          appliesToGroups: [{ networkGroupId: `${nm}/networkGroups/spokes`, groupConnectivity: 'None' }],
        },
      },
    ];
    const parsed = parseTopology([...reference(), ...avnm]);
    for (const r of avnm) expect(parsed).toContainEqual(r);
    const az = avnm.map(({ properties, ...rest }) => ({
      ...rest,
      ...(properties as Json),
      resourceGroup: 'rg-avnm',
    }));
    expect(parseTopology([...reference(), ...az])).toEqual(parsed);
  });

  it('moves child resources exported on their own into their parent', () => {
    const resources = reference();
    const vnet = byName(resources, 'vnet-spoke-prod-1');
    const [web, app, data] = vnet.properties.subnets as Json[];
    vnet.properties.subnets = [web];
    const changedApp = { ...app, properties: { ...app!.properties, addressPrefix: '10.1.10.0/24' } };
    const parsed = parseTopology([...resources, changedApp, data]);
    const merged = byName(parsed, 'vnet-spoke-prod-1');
    expect(merged.properties?.subnets).toEqual([web, changedApp, data]);
    expect(parsed).toHaveLength(resources.length);
  });

  it('replaces the inline copy when a child is also exported on its own', () => {
    const resources = reference();
    const route = { ...byName(resources, 'rt-hub-nva').properties.routes[0] };
    route.properties = { ...route.properties, nextHopType: 'None' };
    const parsed = parseTopology([...resources, route]);
    expect(byName(parsed, 'rt-hub-nva').properties?.routes).toEqual([route]);
  });

  it('does not modify its input', () => {
    const resources = reference();
    const before = JSON.stringify(resources);
    const subnet = resources.find((r) => r.name === 'vnet-hub')!.properties.subnets[0];
    parseTopology([
      ...resources.map((r) => ({ ...r, type: String(r.type).toLowerCase(), resourceGroup: 'x' })),
      subnet,
    ]);
    expect(JSON.stringify(resources)).toBe(before);
  });

  describe('rejects malformed resources, naming the resource id and the field', () => {
    it.each<[string, (resources: Json[]) => { id?: string; field: string; message: RegExp }]>([
      [
        'a bad CIDR in a subnet',
        (resources) => {
          const vnet = byName(resources, 'vnet-spoke-prod-1');
          vnet.properties.subnets[2].properties.addressPrefix = '10.1.0.0/33';
          return {
            id: vnet.id,
            field: 'properties.subnets[2].properties.addressPrefix',
            message: /"10\.1\.0\.0\/33" is not a valid CIDR/,
          };
        },
      ],
      [
        'host bits in an address space',
        (resources) => {
          const vnet = byName(resources, 'vnet-hub');
          vnet.properties.addressSpace.addressPrefixes = ['10.0.0.1/16'];
          return {
            id: vnet.id,
            field: 'properties.addressSpace.addressPrefixes[0]',
            message: /host bits are set \(did you mean 10\.0\.0\.0\/16\?\)/,
          };
        },
      ],
      [
        'a bad route prefix',
        (resources) => {
          const table = byName(resources, 'rt-spoke-prod-2-app');
          table.properties.routes[1].properties.addressPrefix = '192.168.0.0/';
          return {
            id: table.id,
            field: 'properties.routes[1].properties.addressPrefix',
            message: /not a valid CIDR/,
          };
        },
      ],
      [
        'a bad next-hop address',
        (resources) => {
          const table = byName(resources, 'rt-hub-gateway');
          table.properties.routes[0].properties.nextHopIpAddress = '10.0.1.256';
          return {
            id: table.id,
            field: 'properties.routes[0].properties.nextHopIpAddress',
            message: /"10\.0\.1\.256" is not a valid IP address/,
          };
        },
      ],
      [
        'a bad NSG prefix',
        (resources) => {
          const nsg = byName(resources, 'nsg-spoke-nonprod-1-web');
          nsg.properties.securityRules[0].properties.sourceAddressPrefixes[1] = '192.168.0.0/40';
          return {
            id: nsg.id,
            field: 'properties.securityRules[0].properties.sourceAddressPrefixes[1]',
            message: /not a valid CIDR/,
          };
        },
      ],
      [
        'a type that disagrees with the id',
        (resources) => {
          const nic = byName(resources, 'nic-nva-1');
          nic.type = 'Microsoft.Network/loadBalancers';
          return { id: nic.id, field: 'type', message: /does not match the type in the id/ };
        },
      ],
      [
        'a name that disagrees with the id',
        (resources) => {
          const pip = byName(resources, 'pip-afw-hub');
          pip.name = 'pip-other';
          return {
            id: pip.id,
            field: 'name',
            message: /"pip-other" does not match the name in the id \("pip-afw-hub"\)/,
          };
        },
      ],
      [
        'properties that are not an object',
        (resources) => {
          const lb = byName(resources, 'lbi-hub-nva');
          lb.properties = [lb.properties];
          return { id: lb.id, field: 'properties', message: /must be an object/ };
        },
      ],
      [
        'a child id that is not under its parent',
        (resources) => {
          const vnet = byName(resources, 'vnet-spoke-prod-2');
          vnet.properties.subnets[1].id = String(vnet.properties.subnets[1].id).replace(
            'vnet-spoke-prod-2',
            'vnet-spoke-prod-1',
          );
          return {
            id: vnet.id,
            field: 'properties.subnets[1].id',
            message: /is not a child of this resource/,
          };
        },
      ],
      [
        'a child id under the wrong collection',
        (resources) => {
          const nic = byName(resources, 'nic-vm-prod-1-web');
          const config = nic.properties.ipConfigurations[0];
          config.id = String(config.id).replace('/ipConfigurations/', '/frontendIPConfigurations/');
          return {
            id: nic.id,
            field: 'properties.ipConfigurations[0].id',
            message: /is not a child of this resource/,
          };
        },
      ],
      [
        'a duplicate child',
        (resources) => {
          const table = byName(resources, 'rt-hub-gateway');
          const routes = table.properties.routes as Json[];
          routes.push(routes[0]!);
          return {
            id: table.id,
            field: `properties.routes[${table.properties.routes.length - 1}].id`,
            message: /duplicate of properties\.routes\[0\]/,
          };
        },
      ],
      [
        'a duplicate resource id (case-insensitive)',
        (resources) => {
          const nsg = byName(resources, 'nsg-hub-nva');
          resources.push({ ...nsg, id: String(nsg.id).toUpperCase(), name: String(nsg.name).toUpperCase() });
          return { id: String(nsg.id).toUpperCase(), field: 'id', message: /duplicate resource id/ };
        },
      ],
      [
        'a child exported without its parent',
        (resources) => {
          const vnet = byName(resources, 'vnet-spoke-nonprod-2');
          resources.splice(resources.indexOf(vnet), 1);
          const subnet = (vnet.properties.subnets as Json[])[0]!;
          resources.push(subnet);
          return {
            id: subnet.id,
            field: 'id',
            message: /its parent .*vnet-spoke-nonprod-2 is not in the topology/,
          };
        },
      ],
    ])('%s', (_, breakIt) => {
      const resources = reference();
      const expected = breakIt(resources);
      const error = parseError(resources, 'estate.json');
      expect(error.issues).toEqual([
        { resourceId: expected.id, field: expected.field, message: expect.stringMatching(expected.message) },
      ]);
      expect(error.message).toContain(`${expected.id}: ${expected.field}: `);
      expect(error.message.startsWith('estate.json: ')).toBe(true);
    });

    it('names a resource without a valid id by its position', () => {
      const resources = reference();
      resources[3] = { ...resources[3], id: 'rg-hub/vnet-hub' };
      const error = parseError(resources);
      expect(error.issues).toEqual([
        {
          index: 3,
          field: 'id',
          message: expect.stringMatching(/must be an ARM resource id.*"rg-hub\/vnet-hub"/),
        },
      ]);
      expect(error.message).toMatch(/^resource \[3\]: id: /);
    });

    it('reports every problem at once', () => {
      const resources = reference();
      byName(resources, 'vnet-hub').properties.addressSpace.addressPrefixes = ['10.0.0.0/16', 'fd00::/300'];
      byName(resources, 'nic-nva-2').properties.ipConfigurations[0].properties.privateIPAddress = '10.0.4';
      const error = parseError([...resources, 'not a resource']);
      expect(error.issues.map((i) => i.field)).toEqual([
        'properties.addressSpace.addressPrefixes[1]',
        'properties.ipConfigurations[0].properties.privateIPAddress',
        '',
      ]);
      expect(error.message).toMatch(/^3 problems in topology:\n/);
    });
  });

  it('rejects a document that is not a list of resources, and one page of a paged list', () => {
    expect(parseError({ resources: [] }).message).toMatch(/expected a JSON array of ARM resources/);
    expect(parseError('[]').message).toMatch(/expected a JSON array/);
    const paged = parseError({
      value: reference(),
      nextLink: 'https://management.azure.com/...&$skiptoken=abc',
    });
    expect(paged.issues).toEqual([
      { field: 'nextLink', message: expect.stringMatching(/one page of a paged list/) },
    ]);
  });

  it('accepts an empty topology', () => {
    expect(parseTopology([])).toEqual([]);
    expect(parseTopology({ value: [] })).toEqual([]);
  });

  it('returns resources typed as ArmResource with canonical types', () => {
    const parsed: ArmResource[] = parseTopology(
      reference().map((r) => ({ ...r, type: String(r.type).toUpperCase() })),
    );
    expect(new Set(parsed.map((r) => r.type))).toEqual(new Set(referenceTopology().map((r) => r.type)));
  });
});
