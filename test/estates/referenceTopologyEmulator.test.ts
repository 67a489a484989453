import { NetworkManagementClient } from '@azure/arm-network';
import type { ArmResource } from '../../src/arm/ArmResource';
import { parseResourceId, sameId } from '../../src/arm/resourceId';
import { emulatorCredential } from '../../emulator/emulatorCredential';
import type { EmulatorHandle } from '../../emulator/EmulatorOptions';
import { startEmulator } from '../../emulator/startEmulator';
import { referenceTopology } from '../../estates/referenceTopology';
import { loadEstate } from '../../estates/loadEstate';
import type { Child, IpConfigProps } from './wireTypes';

interface ReadBack {
  id?: string;
  name?: string;
  provisioningState?: string;
}

type Getter = (client: NetworkManagementClient, rg: string, names: string[]) => Promise<ReadBack>;

/** The SDK operations of a top-level type (method syntax: the groups' own body types are accepted). */
interface ResourceOperations {
  get(resourceGroup: string, name: string): Promise<ReadBack>;
  beginCreateOrUpdateAndWait(
    resourceGroup: string,
    name: string,
    body: ReadBack,
    options: { updateIntervalInMs: number },
  ): Promise<ReadBack>;
}

function topLevelOperations(c: NetworkManagementClient): Record<string, ResourceOperations> {
  return {
    virtualNetworks: c.virtualNetworks,
    networkInterfaces: c.networkInterfaces,
    loadBalancers: c.loadBalancers,
    routeTables: c.routeTables,
    networkSecurityGroups: c.networkSecurityGroups,
    publicIPAddresses: c.publicIPAddresses,
    azureFirewalls: c.azureFirewalls,
    virtualNetworkGateways: c.virtualNetworkGateways,
    bastionHosts: c.bastionHosts,
    expressRouteCircuits: c.expressRouteCircuits,
    // A network manager's PUT is synchronous in ARM (201/200 with the body), so the SDK has no poller for it.
    networkManagers: {
      get: (rg, name) => c.networkManagers.get(rg, name),
      beginCreateOrUpdateAndWait: (rg, name, body) => c.networkManagers.createOrUpdate(rg, name, body),
    },
  };
}

/** A network manager's children, which the topology lists as resources of their own (ARM has no inline form). */
const MANAGER_CHILD_GETTERS: Record<string, Getter> = {
  'networkManagers/networkGroups': (c, rg, [m = '', g = '']) => c.networkGroups.get(rg, m, g),
  'networkManagers/networkGroups/staticMembers': (c, rg, [m = '', g = '', s = '']) =>
    c.staticMembers.get(rg, m, g, s),
  'networkManagers/connectivityConfigurations': (c, rg, [m = '', x = '']) =>
    c.connectivityConfigurations.get(rg, m, x),
};

/** How the SDK reads the children that ARM also serves on their own. */
const CHILD_GETTERS: Record<string, Getter> = {
  'virtualNetworks/subnets': (c, rg, [v = '', s = '']) => c.subnets.get(rg, v, s),
  'virtualNetworks/virtualNetworkPeerings': (c, rg, [v = '', p = '']) =>
    c.virtualNetworkPeerings.get(rg, v, p),
  'loadBalancers/frontendIPConfigurations': (c, rg, [l = '', f = '']) =>
    c.loadBalancerFrontendIPConfigurations.get(rg, l, f),
  'loadBalancers/backendAddressPools': (c, rg, [l = '', p = '']) =>
    c.loadBalancerBackendAddressPools.get(rg, l, p),
  'loadBalancers/loadBalancingRules': (c, rg, [l = '', r = '']) =>
    c.loadBalancerLoadBalancingRules.get(rg, l, r),
  'loadBalancers/probes': (c, rg, [l = '', p = '']) => c.loadBalancerProbes.get(rg, l, p),
  'routeTables/routes': (c, rg, [t = '', r = '']) => c.routes.get(rg, t, r),
  'networkSecurityGroups/securityRules': (c, rg, [n = '', r = '']) => c.securityRules.get(rg, n, r),
  'expressRouteCircuits/peerings': (c, rg, [n = '', p = '']) => c.expressRouteCircuitPeerings.get(rg, n, p),
};

function typeKey(id: string): string {
  return (parseResourceId(id)?.type ?? '').replace(/^Microsoft\.Network\//, '');
}

/** Inline children by collection, e.g. subnets -> their ids (the SDK flattens `properties`, so the names match). */
function inlineChildren(resource: ArmResource): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [key, value] of Object.entries(resource.properties ?? {}))
    if (Array.isArray(value)) {
      const ids = (value as { id?: unknown }[])
        .map((c) => c.id)
        .filter((id): id is string => typeof id === 'string');
      if (ids.length) out.set(key, ids);
    }
  return out;
}

const lower = (ids: unknown[]): string[] => ids.map((id) => String(id).toLowerCase()).sort();

describe('the reference topology in the emulator', () => {
  let topology: ArmResource[];
  /** what NetworkManagementClient serves (the private DNS zone has its own SDK: test/emulator/privateDnsZones.test.ts) */
  let network: ArmResource[];
  let handle: EmulatorHandle;
  let client: NetworkManagementClient;

  beforeAll(async () => {
    // Through the loader, as `npm run emulator -- --topology reference` does.
    topology = await loadEstate('reference');
    expect(topology).toEqual(referenceTopology());
    // Top-level resources only: a network manager's children are checked on their own below.
    network = topology.filter(
      (r) =>
        !r.type.startsWith('Microsoft.Network/privateDnsZones') && parseResourceId(r.id)?.names.length === 1,
    );
    handle = await startEmulator({ topology, pageSize: 4, throttling: false });
    const subscriptionId = parseResourceId(topology[0]!.id)!.subscriptionId;
    client = new NetworkManagementClient(emulatorCredential(), subscriptionId, {
      endpoint: handle.endpoint,
      tlsOptions: { ca: handle.ca },
    });
  });
  afterAll(() => handle.stop());

  it('seeds and reads back every resource, with its inline children, through the real NetworkManagementClient', async () => {
    const operations = topLevelOperations(client);
    expect(network.filter((r) => !operations[typeKey(r.id)])).toEqual([]);
    for (const resource of network) {
      const parsed = parseResourceId(resource.id)!;
      const read = (await operations[typeKey(resource.id)]!.get(
        parsed.resourceGroup,
        parsed.names[0]!,
      )) as ReadBack & Record<string, unknown>;
      expect([read.id?.toLowerCase(), read.name, read.provisioningState]).toEqual([
        resource.id.toLowerCase(),
        resource.name,
        'Succeeded',
      ]);
      for (const [collection, ids] of inlineChildren(resource)) {
        const readChildren = (read[collection] ?? []) as ReadBack[];
        expect({ [collection]: lower(readChildren.map((c) => c.id)) }).toEqual({ [collection]: lower(ids) });
      }
    }
  });

  it('reads back, one by one, every child that ARM serves on its own', async () => {
    const children = topology
      .flatMap((r) => [...inlineChildren(r).values()].flat())
      .filter((id) => CHILD_GETTERS[typeKey(id)]);
    const childTypes = new Set(children.map(typeKey));
    expect(childTypes).toEqual(new Set(Object.keys(CHILD_GETTERS)));
    for (const id of children) {
      const parsed = parseResourceId(id)!;
      const read = await CHILD_GETTERS[typeKey(id)]!(client, parsed.resourceGroup, parsed.names);
      expect([read.id?.toLowerCase(), read.name, read.provisioningState]).toEqual([
        id.toLowerCase(),
        parsed.names.at(-1),
        'Succeeded',
      ]);
    }
  });

  it("reads back the network manager's groups, members and configuration, and its deployment status", async () => {
    const children = topology.filter((r) => MANAGER_CHILD_GETTERS[typeKey(r.id)]);
    expect(new Set(children.map((r) => typeKey(r.id)))).toEqual(new Set(Object.keys(MANAGER_CHILD_GETTERS)));
    for (const r of children) {
      const parsed = parseResourceId(r.id)!;
      const read = await MANAGER_CHILD_GETTERS[typeKey(r.id)]!(client, parsed.resourceGroup, parsed.names);
      expect([read.id?.toLowerCase(), read.name, read.provisioningState]).toEqual([
        r.id.toLowerCase(),
        r.name,
        'Succeeded',
      ]);
    }
    const status = topology.find((r) => typeKey(r.id) === 'networkManagers/deploymentStatus')!;
    const manager = parseResourceId(status.id)!;
    const listed = await client.networkManagerDeploymentStatusOperations.list(
      manager.resourceGroup,
      manager.names[0]!,
      { regions: [String(status.properties?.region)], deploymentTypes: ['Connectivity'] },
    );
    expect(
      listed.value?.map((d) => [d.deploymentStatus, d.configurationIds?.map((x) => x.toLowerCase())]),
    ).toEqual([
      [
        status.properties?.deploymentStatus,
        (status.properties?.configurationIds as string[]).map((x) => x.toLowerCase()),
      ],
    ]);
  });

  it('keeps the addressing and references the topology was seeded with', async () => {
    const hub = await client.virtualNetworks.get('rg-hub', 'vnet-hub');
    expect(hub.addressSpace?.addressPrefixes).toEqual(['10.0.0.0/16']);
    expect(hub.virtualNetworkPeerings).toHaveLength(4);
    const nic = await client.networkInterfaces.get('rg-spoke-prod-1', 'nic-vm-prod-1-web');
    const [config] = nic.ipConfigurations ?? [];
    const seeded = topology.find((r) => r.name === 'nic-vm-prod-1-web')!;
    const [seededConfig] = (seeded.properties?.ipConfigurations ?? []) as Child<IpConfigProps>[];
    expect(config?.privateIPAddress).toBe(seededConfig?.properties.privateIPAddress);
    expect(sameId(config?.subnet?.id, seededConfig?.properties.subnet.id)).toBe(true);
    expect(config?.loadBalancerBackendAddressPools?.map((p) => p.id?.toLowerCase())).toEqual(
      seededConfig?.properties.loadBalancerBackendAddressPools?.map((p) => p.id.toLowerCase()),
    );
    const table = await client.routeTables.get('rg-spoke-prod-1', 'rt-spoke-prod-1-web');
    expect(table.routes?.map((r) => [r.addressPrefix, r.nextHopType, r.nextHopIpAddress])).toEqual([
      ['0.0.0.0/0', 'VirtualAppliance', '10.0.1.4'],
    ]);
  });

  it('accepts every resource written back as it was read (PUT of the GET body, through the real poller)', async () => {
    const poll = { updateIntervalInMs: 5 };
    const operations = topLevelOperations(client);
    for (const resource of network) {
      const parsed = parseResourceId(resource.id)!;
      const ops = operations[typeKey(resource.id)]!;
      const [rg, name] = [parsed.resourceGroup, parsed.names[0]!];
      const written = await ops.beginCreateOrUpdateAndWait(rg, name, await ops.get(rg, name), poll);
      expect([written.id?.toLowerCase(), written.provisioningState]).toEqual([
        resource.id.toLowerCase(),
        'Succeeded',
      ]);
    }
  });

  it('lists each type across pages to the same count as the topology', async () => {
    const count = async <T>(pages: AsyncIterable<T>): Promise<number> => {
      let n = 0;
      for await (const _ of pages) n++;
      return n;
    };
    const expected = (type: string): number =>
      topology.filter((r) => r.type === `Microsoft.Network/${type}`).length;
    expect(await count(client.virtualNetworks.listAll())).toBe(expected('virtualNetworks'));
    expect(await count(client.networkInterfaces.listAll())).toBe(expected('networkInterfaces'));
    expect(await count(client.networkSecurityGroups.listAll())).toBe(expected('networkSecurityGroups'));
    expect(await count(client.routeTables.listAll())).toBe(expected('routeTables'));
    expect(await count(client.loadBalancers.listAll())).toBe(expected('loadBalancers'));
  });
});
