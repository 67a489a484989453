import type { EmulatorHandle } from '../../emulator/EmulatorOptions';
import { invalidRequestFormat } from '../../src/arm/errors/commonErrors';
import { networkClient, networkId, POLL, RG, startTestEmulator, vnetBody } from './emulatorTestKit';

describe('VNet peering state and sync levels (rules §1)', () => {
  let handle: EmulatorHandle;
  beforeAll(async () => {
    handle = await startTestEmulator();
  });
  afterAll(() => handle.stop());

  it('goes Initiated -> Connected, RemoteNotInSync/LocalNotInSync after a change, FullyInSync after the sync PUT', async () => {
    const client = networkClient(handle);
    await client.virtualNetworks.beginCreateOrUpdateAndWait(RG, 'hub', vnetBody('10.40.0.0/16'), POLL);
    await client.virtualNetworks.beginCreateOrUpdateAndWait(RG, 'spoke', vnetBody('10.41.0.0/16'), POLL);
    const toSpoke = await client.virtualNetworkPeerings.beginCreateOrUpdateAndWait(
      RG,
      'hub',
      'hub-to-spoke',
      { remoteVirtualNetwork: { id: networkId('virtualNetworks', 'spoke') } },
      POLL,
    );
    // Until the spoke peers back, Azure reports the remote side out of sync
    // (azure-cli recording test_network_vnet_peering_sync, replayed in test/conformance).
    expect(toSpoke).toMatchObject({ peeringState: 'Initiated', peeringSyncLevel: 'RemoteNotInSync' });
    expect(toSpoke.remoteAddressSpace?.addressPrefixes).toEqual(['10.41.0.0/16']);
    await client.virtualNetworkPeerings.beginCreateOrUpdateAndWait(
      RG,
      'spoke',
      'spoke-to-hub',
      { remoteVirtualNetwork: { id: networkId('virtualNetworks', 'hub') } },
      POLL,
    );
    expect((await client.virtualNetworkPeerings.get(RG, 'hub', 'hub-to-spoke')).peeringState).toBe(
      'Connected',
    );

    // The hub gains IPv6 space; a PUT without the peerings property keeps them.
    await client.virtualNetworks.beginCreateOrUpdateAndWait(
      RG,
      'hub',
      {
        location: 'westeurope',
        addressSpace: { addressPrefixes: ['10.40.0.0/16', 'fd00:40::/48'] },
        subnets: [],
      },
      POLL,
    );
    const hubSide = await client.virtualNetworkPeerings.get(RG, 'hub', 'hub-to-spoke');
    const spokeSide = await client.virtualNetworkPeerings.get(RG, 'spoke', 'spoke-to-hub');
    expect([hubSide.peeringSyncLevel, spokeSide.peeringSyncLevel]).toEqual([
      'RemoteNotInSync',
      'LocalNotInSync',
    ]);
    expect(spokeSide.remoteAddressSpace?.addressPrefixes).toEqual(['10.40.0.0/16']);

    // A plain PUT of the stale side does not sync it; only syncRemoteAddressSpace=true does.
    await client.virtualNetworkPeerings.beginCreateOrUpdateAndWait(
      RG,
      'spoke',
      'spoke-to-hub',
      spokeSide,
      POLL,
    );
    expect((await client.virtualNetworkPeerings.get(RG, 'spoke', 'spoke-to-hub')).peeringSyncLevel).toBe(
      'LocalNotInSync',
    );
    const synced = await client.virtualNetworkPeerings.beginCreateOrUpdateAndWait(
      RG,
      'spoke',
      'spoke-to-hub',
      spokeSide,
      {
        ...POLL,
        syncRemoteAddressSpace: 'true',
      },
    );
    expect(synced.remoteAddressSpace?.addressPrefixes).toEqual(['10.40.0.0/16', 'fd00:40::/48']);
    expect(synced.peeringSyncLevel).toBe('FullyInSync');
    expect((await client.virtualNetworkPeerings.get(RG, 'hub', 'hub-to-spoke')).peeringSyncLevel).toBe(
      'FullyInSync',
    );
  });

  it("accepts only the string 'true' for syncRemoteAddressSpace", async () => {
    const client = networkClient(handle);
    const peering = await client.virtualNetworkPeerings.get(RG, 'spoke', 'spoke-to-hub');
    const expected = invalidRequestFormat('', 'syncRemoteAddressSpace');
    await expect(
      client.virtualNetworkPeerings.beginCreateOrUpdateAndWait(RG, 'spoke', 'spoke-to-hub', peering, {
        ...POLL,
        syncRemoteAddressSpace: 'false',
      }),
    ).rejects.toMatchObject({ statusCode: expected.status, code: expected.code });
  });

  it('shows Disconnected on the remaining side once one side is deleted', async () => {
    const client = networkClient(handle);
    await client.virtualNetworkPeerings.beginDeleteAndWait(RG, 'spoke', 'spoke-to-hub', POLL);
    expect((await client.virtualNetworkPeerings.get(RG, 'hub', 'hub-to-spoke')).peeringState).toBe(
      'Disconnected',
    );
  });
});
