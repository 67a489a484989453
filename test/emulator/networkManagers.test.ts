import type { NetworkManagementClient, VirtualNetworkPeering } from '@azure/arm-network';
import type { EmulatorHandle } from '../../emulator/EmulatorOptions';
import {
  invalidConnectivityConfiguration,
  invalidNetworkManagerScope,
  peeringManagedByNetworkManager,
  resourceInUseByDeployment,
  scopeAccessNotEnabled,
  staticMemberOutOfScope,
} from '../../src/arm/errors/networkManagerErrors';
import {
  LOCATION,
  networkClient,
  networkId,
  POLL,
  refusal,
  expectedRefusal,
  RG,
  startTestEmulator,
  SUB,
  vnetBody,
} from './emulatorTestKit';

const NM = 'avnm';
const HUB = networkId('virtualNetworks', 'hub');
const SPOKE = networkId('virtualNetworks', 'spoke-a');
const GROUP = `${networkId('networkManagers', NM)}/networkGroups/spokes`;
const CONFIG = `${networkId('networkManagers', NM)}/connectivityConfigurations/hub-spoke`;

function anmPeerings(peerings: VirtualNetworkPeering[], remoteId: string): VirtualNetworkPeering[] {
  return peerings.filter(
    (p) => p.name?.startsWith('ANM_') && p.remoteVirtualNetwork?.id?.toLowerCase() === remoteId.toLowerCase(),
  );
}

describe('emulated Azure Virtual Network Manager through @azure/arm-network', () => {
  let handle: EmulatorHandle;
  let client: NetworkManagementClient;
  const peeringsOf = async (vnet: string) =>
    (await client.virtualNetworks.get(RG, vnet)).virtualNetworkPeerings ?? [];
  const commit = (configurationIds: string[], commitType = 'Connectivity') =>
    client.networkManagerCommits.beginPostAndWait(
      RG,
      NM,
      { targetLocations: [LOCATION], configurationIds, commitType },
      POLL,
    );

  beforeAll(async () => {
    handle = await startTestEmulator();
    handle.load([
      {
        id: HUB,
        name: 'hub',
        type: 'Microsoft.Network/virtualNetworks',
        location: LOCATION,
        properties: vnetBody('10.0.0.0/16'),
      },
      {
        id: SPOKE,
        name: 'spoke-a',
        type: 'Microsoft.Network/virtualNetworks',
        location: LOCATION,
        properties: vnetBody('10.1.0.0/16'),
      },
    ]);
    client = networkClient(handle, undefined, { retryOptions: { maxRetries: 0 } });
  });
  afterAll(() => handle.stop());

  it('creates a network manager synchronously with its scope, and refuses one without a scope', async () => {
    const nm = await client.networkManagers.createOrUpdate(RG, NM, {
      location: LOCATION,
      networkManagerScopes: { subscriptions: [`/subscriptions/${SUB}`] },
      networkManagerScopeAccesses: ['Connectivity'],
    });
    expect(nm).toMatchObject({ provisioningState: 'Succeeded', type: 'Microsoft.Network/networkManagers' });
    expect(nm.resourceGuid).toMatch(/^[0-9a-f-]{36}$/);
    const listed = [];
    for await (const m of client.networkManagers.list(RG)) listed.push(m.name);
    expect(listed).toEqual([NM]);
    expect(
      await refusal(
        client.networkManagers.createOrUpdate(RG, 'bad', { location: LOCATION, networkManagerScopes: {} }),
      ),
    ).toEqual(expectedRefusal(invalidNetworkManagerScope('properties.networkManagerScopes', '')));
  });

  it('keeps groups and static members as resources of their own, with the member region read from the VNet', async () => {
    await client.networkGroups.createOrUpdate(RG, NM, 'spokes', { memberType: 'VirtualNetwork' });
    const member = await client.staticMembers.createOrUpdate(RG, NM, 'spokes', 'spoke-a', {
      resourceId: SPOKE,
    });
    expect(member).toMatchObject({ resourceId: SPOKE, region: LOCATION, provisioningState: 'Succeeded' });
    const other =
      '/subscriptions/00000000-0000-4000-8000-000000000099/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/x';
    handle.load([
      {
        id: other,
        name: 'x',
        type: 'Microsoft.Network/virtualNetworks',
        location: LOCATION,
        properties: vnetBody('10.9.0.0/16'),
      },
    ]);
    expect(
      await refusal(client.staticMembers.createOrUpdate(RG, NM, 'spokes', 'x', { resourceId: other })),
    ).toEqual(expectedRefusal(staticMemberOutOfScope('properties.resourceId', other, '')));
  });

  it('validates a hub-and-spoke configuration and fills the defaults Azure fills', async () => {
    expect(
      await refusal(
        client.connectivityConfigurations.createOrUpdate(RG, NM, 'hub-spoke', {
          connectivityTopology: 'HubAndSpoke',
          hubs: [{ resourceId: HUB, resourceType: 'Microsoft.Network/virtualNetworks' }],
          appliesToGroups: [{ networkGroupId: GROUP, groupConnectivity: 'Sideways' }],
        }),
      ),
    ).toEqual(
      expectedRefusal(
        invalidConnectivityConfiguration('properties.appliesToGroups[0].groupConnectivity', ''),
      ),
    );
    const config = await client.connectivityConfigurations.createOrUpdate(RG, NM, 'hub-spoke', {
      connectivityTopology: 'HubAndSpoke',
      hubs: [{ resourceId: HUB, resourceType: 'Microsoft.Network/virtualNetworks' }],
      appliesToGroups: [{ networkGroupId: GROUP, groupConnectivity: 'DirectlyConnected' }],
    });
    expect(config).toMatchObject({
      id: CONFIG,
      isGlobal: 'False',
      deleteExistingPeering: 'False',
      connectivityCapabilities: { peeringEnforcement: 'Unenforced' },
      appliesToGroups: [{ useHubGateway: 'False', groupConnectivity: 'DirectlyConnected' }],
    });
  });

  it('commits as a long-running operation and creates the hub<->spoke peerings, in sync and connected', async () => {
    expect(await peeringsOf('hub')).toEqual([]);
    const result = await commit([CONFIG]);
    expect(result).toMatchObject({ commitType: 'Connectivity', configurationIds: [CONFIG] });
    expect(result.commitId).toMatch(/^[0-9a-f-]{36}$/);
    const [hubSide] = anmPeerings(await peeringsOf('hub'), SPOKE);
    const [spokeSide] = anmPeerings(await peeringsOf('spoke-a'), HUB);
    for (const p of [hubSide, spokeSide])
      expect(p).toMatchObject({
        peeringState: 'Connected',
        peeringSyncLevel: 'FullyInSync',
        allowForwardedTraffic: true,
      });
    expect(hubSide?.remoteAddressSpace?.addressPrefixes).toEqual(['10.1.0.0/16']);
    const status = await client.networkManagerDeploymentStatusOperations.list(RG, NM, {
      regions: [LOCATION],
    });
    expect(status.value).toEqual([
      expect.objectContaining({
        region: LOCATION,
        deploymentType: 'Connectivity',
        deploymentStatus: 'Deployed',
        configurationIds: [CONFIG],
      }),
    ]);
    const active = await client.listActiveConnectivityConfigurations(RG, NM, { regions: [LOCATION] });
    expect(active.value?.map((a) => [a.id, a.region, a.connectivityTopology])).toEqual([
      [CONFIG, LOCATION, 'HubAndSpoke'],
    ]);
    expect(active.value?.[0]?.configurationGroups?.map((g) => g.id)).toEqual([GROUP]);
  });

  it('syncs its peerings when the configuration is deployed again after an address-space change', async () => {
    const spoke = await client.virtualNetworks.get(RG, 'spoke-a');
    spoke.addressSpace = { addressPrefixes: ['10.1.0.0/16', 'fd00:1::/56'] };
    await client.virtualNetworks.beginCreateOrUpdateAndWait(RG, 'spoke-a', spoke, POLL);
    expect(anmPeerings(await peeringsOf('hub'), SPOKE)[0]?.peeringSyncLevel).toBe('LocalNotInSync');
    await commit([CONFIG]);
    const [hubSide] = anmPeerings(await peeringsOf('hub'), SPOKE);
    expect(hubSide).toMatchObject({ peeringSyncLevel: 'FullyInSync' });
    expect(hubSide?.remoteAddressSpace?.addressPrefixes).toEqual(['10.1.0.0/16', 'fd00:1::/56']);
  });

  it('refuses a user write or delete of a peering an Enforced configuration owns', async () => {
    const config = await client.connectivityConfigurations.get(RG, NM, 'hub-spoke');
    await client.connectivityConfigurations.createOrUpdate(RG, NM, 'hub-spoke', {
      ...config,
      connectivityCapabilities: { ...config.connectivityCapabilities!, peeringEnforcement: 'Enforced' },
    });
    await commit([CONFIG]);
    const [hubSide] = anmPeerings(await peeringsOf('hub'), SPOKE);
    const name = hubSide?.name ?? '';
    const refused = expectedRefusal(
      peeringManagedByNetworkManager(`${HUB}/virtualNetworkPeerings/${name}`, CONFIG),
    );
    expect(
      await refusal(
        client.virtualNetworkPeerings.beginCreateOrUpdateAndWait(RG, 'hub', name, hubSide!, {
          syncRemoteAddressSpace: 'true',
          ...POLL,
        }),
      ),
    ).toEqual(refused);
    expect(await refusal(client.virtualNetworkPeerings.beginDeleteAndWait(RG, 'hub', name, POLL))).toEqual(
      refused,
    );
  });

  it('keeps a deployed configuration until a commit without it removes its peerings', async () => {
    expect(
      await refusal(client.connectivityConfigurations.beginDeleteAndWait(RG, NM, 'hub-spoke', POLL)),
    ).toEqual(expectedRefusal(resourceInUseByDeployment(CONFIG, [LOCATION])));
    expect(await refusal(commit([CONFIG], 'SecurityAdmin'))).toEqual(
      expectedRefusal(scopeAccessNotEnabled('', 'SecurityAdmin', 'commitType')),
    );
    await commit([]);
    expect(anmPeerings(await peeringsOf('hub'), SPOKE)).toEqual([]);
    expect(anmPeerings(await peeringsOf('spoke-a'), HUB)).toEqual([]);
    await client.connectivityConfigurations.beginDeleteAndWait(RG, NM, 'hub-spoke', POLL);
    const left = [];
    for await (const c of client.connectivityConfigurations.list(RG, NM)) left.push(c);
    expect(left).toEqual([]);
  });
});
