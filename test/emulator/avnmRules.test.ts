import type { NetworkManagementClient } from '@azure/arm-network';
import type { EmulatorHandle } from '../../emulator/EmulatorOptions';
import { adminRulePriorityConflict } from '../../src/arm/errors/avnmRuleErrors';
import {
  invalidNextHopIpAddress,
  ipv6RouteVirtualNetworkGatewayNextHopNotSupported,
  routeNextHopIpVersionMismatch,
} from '../../src/arm/errors/routeTableErrors';
import { invalidAddressPrefixFormat } from '../../src/arm/errors/virtualNetworkErrors';
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
const NM_ID = networkId('networkManagers', NM);
const SPOKE = networkId('virtualNetworks', 'spoke');
const USER_TABLE = networkId('routeTables', 'rt-spoke');
const GROUP = `${NM_ID}/networkGroups/spokes`;
const ROUTING = `${NM_ID}/routingConfigurations/udr`;
const ADMIN = `${NM_ID}/securityAdminConfigurations/sec`;

describe('emulated AVNM routing and security admin configurations through @azure/arm-network', () => {
  let handle: EmulatorHandle;
  let client: NetworkManagementClient;
  const commit = (commitType: string, configurationIds: string[]) =>
    client.networkManagerCommits.beginPostAndWait(
      RG,
      NM,
      { targetLocations: [LOCATION], configurationIds, commitType },
      POLL,
    );
  const rule = (
    name: string,
    destinationAddress: string,
    nextHopAddress?: string,
    nextHopType = 'VirtualAppliance',
  ) =>
    client.routingRules.createOrUpdate(RG, NM, 'udr', 'spokes', name, {
      destination: { type: 'AddressPrefix', destinationAddress },
      nextHop: { nextHopType, ...(nextHopAddress ? { nextHopAddress } : {}) },
    });
  const subnetTable = async () => (await client.subnets.get(RG, 'spoke', 'snet-a')).routeTable?.id ?? '';

  beforeAll(async () => {
    handle = await startTestEmulator();
    handle.load([
      {
        id: USER_TABLE,
        name: 'rt-spoke',
        type: 'Microsoft.Network/routeTables',
        location: LOCATION,
        properties: {
          routes: [
            {
              id: `${USER_TABLE}/routes/onprem`,
              name: 'onprem',
              properties: {
                addressPrefix: '192.168.0.0/16',
                nextHopType: 'VirtualAppliance',
                nextHopIpAddress: '10.0.4.4',
              },
            },
          ],
        },
      },
      {
        id: SPOKE,
        name: 'spoke',
        type: 'Microsoft.Network/virtualNetworks',
        location: LOCATION,
        properties: {
          ...vnetBody('10.1.0.0/16'),
          subnets: [
            { name: 'snet-a', properties: { addressPrefix: '10.1.0.0/24', routeTable: { id: USER_TABLE } } },
          ],
        },
      },
    ]);
    client = networkClient(handle, undefined, { retryOptions: { maxRetries: 0 } });
    await client.networkManagers.createOrUpdate(RG, NM, {
      location: LOCATION,
      networkManagerScopes: { subscriptions: [`/subscriptions/${SUB}`] },
      networkManagerScopeAccesses: ['Routing', 'SecurityAdmin'],
    });
    await client.networkGroups.createOrUpdate(RG, NM, 'spokes', { memberType: 'VirtualNetwork' });
    await client.staticMembers.createOrUpdate(RG, NM, 'spokes', 'spoke', { resourceId: SPOKE });
  });
  afterAll(() => handle.stop());

  it('deploys a routing configuration only on commit, into a route table AVNM manages that keeps the subnet routes', async () => {
    const config = await client.networkManagerRoutingConfigurations.createOrUpdate(RG, NM, 'udr', {});
    expect(config.routeTableUsageMode).toBe('ManagedOnly');
    await client.routingRuleCollections.createOrUpdate(RG, NM, 'udr', 'spokes', {
      appliesTo: [{ networkGroupId: GROUP }],
    });
    const created = await rule('default', '0.0.0.0/0', '10.0.4.4');
    expect(created.systemData?.lastModifiedAt).toBeInstanceOf(Date);
    expect(await subnetTable()).toBe(USER_TABLE);
    await commit('Routing', [ROUTING]);
    const tableId = await subnetTable();
    expect(tableId).toMatch(new RegExp(`/resourceGroups/AVNM-Managed-ResourceGroup-${SUB}/`, 'i'));
    const table = await client.routeTables.get(
      `AVNM-Managed-ResourceGroup-${SUB}`,
      tableId.split('/').at(-1) ?? '',
    );
    expect(table.routes?.map((r) => [r.name, r.addressPrefix, r.nextHopIpAddress])).toEqual([
      ['onprem', '192.168.0.0/16', '10.0.4.4'],
      ['ANM_spokes_default', '0.0.0.0/0', '10.0.4.4'],
    ]);
    const [status] =
      (await client.networkManagerDeploymentStatusOperations.list(RG, NM, { deploymentTypes: ['Routing'] }))
        .value ?? [];
    expect(status).toMatchObject({ deploymentStatus: 'Deployed', configurationIds: [ROUTING] });
    expect(status?.commitTime?.getTime()).toBeGreaterThanOrEqual(
      created.systemData?.lastModifiedAt?.getTime() ?? 0,
    );
  });

  it('takes an IPv6 twin (::/0 to an IPv6 appliance) and routes it after the next commit; removes it after delete and commit', async () => {
    await rule('default-ipv6', '::/0', 'fd00:db8::4');
    const routesNow = async () =>
      (
        await client.routeTables.get(
          `AVNM-Managed-ResourceGroup-${SUB}`,
          (await subnetTable()).split('/').at(-1) ?? '',
        )
      ).routes?.map((r) => r.addressPrefix) ?? [];
    expect(await routesNow()).not.toContain('::/0');
    await commit('Routing', [ROUTING]);
    expect(await routesNow()).toContain('::/0');
    await client.routingRules.beginDeleteAndWait(RG, NM, 'udr', 'spokes', 'default-ipv6', POLL);
    expect(await routesNow()).toContain('::/0');
    await commit('Routing', [ROUTING]);
    expect(await routesNow()).toEqual(['192.168.0.0/16', '0.0.0.0/0']);
  });

  it('refuses routing rules Azure refuses: next hop of the other family, IPv6 via a gateway, bad prefix or next hop', async () => {
    const id = `${ROUTING}/ruleCollections/spokes/rules/bad`;
    expect(await refusal(rule('bad', '::/0', '10.0.4.4'))).toEqual(
      expectedRefusal(
        routeNextHopIpVersionMismatch(id, 'IPv6', '10.0.4.4', 'IPv4', 'properties.nextHop.nextHopAddress'),
      ),
    );
    expect(await refusal(rule('bad', 'fd00:1::/56', undefined, 'VirtualNetworkGateway'))).toEqual(
      expectedRefusal(
        ipv6RouteVirtualNetworkGatewayNextHopNotSupported(id, 'properties.nextHop.nextHopType'),
      ),
    );
    expect(await refusal(rule('bad', '10.1.0.0/33', '10.0.4.4'))).toEqual(
      expectedRefusal(
        invalidAddressPrefixFormat('10.1.0.0/33', id, 'properties.destination.destinationAddress'),
      ),
    );
    expect(await refusal(rule('bad', '10.2.0.0/16', 'fd00::x'))).toEqual(
      expectedRefusal(invalidNextHopIpAddress(id, 'fd00::x', 'properties.nextHop.nextHopAddress')),
    );
  });

  it('shows security admin rules as active only once committed, IPv6 twins included; refuses a priority taken in the collection', async () => {
    await client.securityAdminConfigurations.createOrUpdate(RG, NM, 'sec', {});
    await client.adminRuleCollections.createOrUpdate(RG, NM, 'sec', 'base', {
      appliesToGroups: [{ networkGroupId: GROUP }],
    });
    const admin = (name: string, priority: number, prefix: string) =>
      client.adminRules.createOrUpdate(RG, NM, 'sec', 'base', name, {
        kind: 'Custom',
        direction: 'Inbound',
        access: 'Allow',
        protocol: 'Tcp',
        priority,
        sources: [{ addressPrefixType: 'IPPrefix', addressPrefix: prefix }],
        destinations: [{ addressPrefixType: 'ServiceTag', addressPrefix: 'VirtualNetwork' }],
      });
    await admin('allow-hub', 100, '10.0.0.0/16');
    await commit('SecurityAdmin', [ADMIN]);
    await admin('allow-hub-ipv6', 101, 'fd00:db8::/56');
    const active = async () =>
      (await client.listActiveSecurityAdminRules(RG, NM, { regions: [LOCATION] })).value?.map((r) =>
        r.id?.split('/').at(-1),
      );
    expect(await active()).toEqual(['allow-hub']);
    await commit('SecurityAdmin', [ADMIN]);
    expect(await active()).toEqual(['allow-hub', 'allow-hub-ipv6']);
    const ruleId = `${ADMIN}/ruleCollections/base/rules/other`;
    expect(await refusal(admin('other', 101, '10.9.0.0/16'))).toEqual(
      expect.objectContaining(
        expectedRefusal(
          adminRulePriorityConflict(
            ruleId,
            `${ADMIN}/ruleCollections/base/rules/allow-hub-ipv6`,
            101,
            'properties.priority',
          ),
        ),
      ),
    );
    const got = await client.adminRules.get(RG, NM, 'sec', 'base', 'allow-hub-ipv6');
    expect(got).toMatchObject({
      kind: 'Custom',
      priority: 101,
      sources: [{ addressPrefix: 'fd00:db8::/56' }],
    });
  });
});
