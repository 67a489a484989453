import { NetworkManagementClient } from '@azure/arm-network';
import { idKey, parseResourceId, sameId } from '../../src/arm/resourceId';
import { emulatorCredential } from '../../emulator/emulatorCredential';
import type { EmulatorHandle } from '../../emulator/EmulatorOptions';
import { startEmulator } from '../../emulator/startEmulator';
import { generateEstate } from '../../estates/generateEstate';
import { TopologyIndex } from './topologyIndex';
import type { NicProps, VnetProps } from './wireTypes';

describe('a generated estate in the emulator', () => {
  const topology = generateEstate({ spokes: 12, subnetsPerSpoke: 2, nicsPerSubnet: 2, seed: 11 });
  const index = new TopologyIndex(topology);
  let handle: EmulatorHandle;
  let client: NetworkManagementClient;

  beforeAll(async () => {
    handle = await startEmulator({ topology, pageSize: 25, throttling: false });
    client = new NetworkManagementClient(
      emulatorCredential(),
      parseResourceId(topology[0]!.id)!.subscriptionId,
      {
        endpoint: handle.endpoint,
        tlsOptions: { ca: handle.ca },
      },
    );
  });
  afterAll(() => handle.stop());

  it('lists every VNet, NIC, route table and load balancer it was seeded with', async () => {
    const ids = async (pages: AsyncIterable<{ id?: string }>): Promise<string[]> => {
      const out: string[] = [];
      for await (const r of pages) out.push(idKey(r.id ?? ''));
      return out.sort();
    };
    const seeded = (type: string): string[] =>
      index
        .ofType(type)
        .map((r) => idKey(r.id))
        .sort();
    expect(await ids(client.virtualNetworks.listAll())).toEqual(seeded('virtualNetworks'));
    expect(await ids(client.networkInterfaces.listAll())).toEqual(seeded('networkInterfaces'));
    expect(await ids(client.routeTables.listAll())).toEqual(seeded('routeTables'));
    expect(await ids(client.loadBalancers.listAll())).toEqual(seeded('loadBalancers'));
  });

  it('serves the variations: a route table shared across spokes, NICs with extra IPv4 configurations', async () => {
    const spokeSubnets = index
      .ofType<VnetProps>('virtualNetworks')
      .flatMap((v) => v.properties.subnets.map((s) => ({ vnet: v.id, table: s.properties.routeTable?.id })))
      .filter((s): s is { vnet: string; table: string } => s.table !== undefined);
    const shared = spokeSubnets.find((s) =>
      spokeSubnets.some((o) => sameId(o.table, s.table) && !sameId(o.vnet, s.vnet)),
    )!;
    const table = parseResourceId(shared.table)!;
    const read = await client.routeTables.get(table.resourceGroup, table.names[0]!);
    expect(read.routes?.map((r) => r.addressPrefix)).toContain('0.0.0.0/0');

    const multi = index
      .ofType<NicProps>('networkInterfaces')
      .find((n) => n.properties.ipConfigurations.length > 1)!;
    const nic = parseResourceId(multi.id)!;
    const readNic = await client.networkInterfaces.get(nic.resourceGroup, nic.names[0]!);
    expect(readNic.ipConfigurations?.map((c) => c.privateIPAddress)).toEqual(
      multi.properties.ipConfigurations.map((c) => c.properties.privateIPAddress),
    );
  });
});
