import type { ArmResource } from '../../src/arm/ArmResource';
import type { EmulatorHandle } from '../../emulator/EmulatorOptions';
import { startEmulator } from '../../emulator/startEmulator';
import { loadEstate } from '../../estates/loadEstate';
import { armRequest } from './emulatorTestKit';

describe('seeding, dump and load', () => {
  let handle: EmulatorHandle;
  let topology: ArmResource[];
  beforeAll(async () => {
    topology = await loadEstate('reference');
    handle = await startEmulator({ topology, throttling: false });
  });
  afterAll(() => handle.stop());

  it('reads back every resource of the reference topology as it was seeded', async () => {
    for (const resource of topology) {
      if (resource.type === 'Microsoft.Resources/resourceGroups') continue;
      if (resource.type === 'Microsoft.Network/networkManagers/deploymentStatus') {
        // Not an ARM resource: what POST listDeploymentStatus answers for its manager, region and type.
        const manager = resource.id.split('/deploymentStatus/')[0] ?? '';
        const listed = await armRequest(
          handle,
          'POST',
          `${manager}/listDeploymentStatus?api-version=2025-05-01`,
          {
            body: {},
          },
        );
        expect(listed.body.value).toContainEqual(resource.properties);
        continue;
      }
      const dns = resource.type.startsWith('Microsoft.Network/privateDnsZones');
      const res = await armRequest(
        handle,
        'GET',
        `${resource.id}?api-version=${dns ? '2020-06-01' : '2025-05-01'}`,
      );
      expect({ id: resource.id, status: res.status }).toEqual({ id: resource.id, status: 200 });
      expect(res.body).toMatchObject({ id: resource.id, name: resource.name, type: resource.type });
      // Record sets have no provisioning state in the Private DNS API.
      if (!/\/(A|AAAA)$/.test(resource.type)) expect(res.body.properties.provisioningState).toBe('Succeeded');
    }
  });

  it('dumps what it holds and loads a dump into a fresh emulator, over the control endpoint too', async () => {
    const dump = handle.dump();
    expect(dump.length).toBe(topology.filter((r) => r.type !== 'Microsoft.Resources/resourceGroups').length);
    const other = await startEmulator({ throttling: false });
    try {
      const loaded = await armRequest(other, 'POST', '/__emulator/load', { body: { value: dump } });
      expect(loaded.status).toBe(204);
      const again = (await armRequest(other, 'GET', '/__emulator/dump')).body as ArmResource[];
      expect(again).toEqual(dump);
    } finally {
      await other.stop();
    }
  });

  it('refuses to load a resource whose id is not an ARM id, naming it', () => {
    expect(() =>
      handle.load([{ id: 'not-an-id', name: 'x', type: 'Microsoft.Network/virtualNetworks' }]),
    ).toThrow(/not-an-id/);
  });
});
