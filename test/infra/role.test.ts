import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ArmResource } from '../../src/arm/ArmResource';
import { emulatorCredential } from '../../emulator/emulatorCredential';
import type { EmulatorHandle } from '../../emulator/EmulatorOptions';
import { MonitorEmulator } from '../../emulator/monitor/MonitorEmulator';
import type { EmulatorOptionsWithMonitor } from '../../emulator/monitor/monitorOf';
import { registerMonitorExtensions } from '../../emulator/monitor/registerMonitorExtensions';
import { startEmulator } from '../../emulator/startEmulator';
import { REFERENCE_SUBSCRIPTION_ID } from '../../estates/referenceLayout';
import type { AzureConnection } from '../../src/azure/AzureConnection';
import { lastModified, listDeploymentStatus, managerRef, postCommit } from '../../src/azure/avnmDeployments';
import { deleteResource } from '../../src/azure/deleteResource';
import { getResource } from '../../src/azure/getResource';
import { listNetwork } from '../../src/azure/listNetwork';
import { monitorClient } from '../../src/azure/monitorClient';
import { networkClients } from '../../src/azure/networkClient';
import { putResource } from '../../src/azure/putResource';
import { readIpamPool } from '../../src/azure/readIpamPool';
import { ipamPoolResources } from '../../estates/builders/ipamPool';
import { ensureDiagnosticSetting } from '../../src/monitor/ensureDiagnosticSetting';
import { DUALSTACK_OPERATOR_ACTIONS, operatorRbac } from '../../infra/role/operatorRbac';
import { AVNM_ADMIN, AVNM_NM, AVNM_ROUTING, avnmRulesEstate } from '../helpers/avnmRulesEstate';
import { infraPath, readJson, REPO, type RoleActionsFile } from './infraFiles';

const role = readJson<RoleActionsFile>(infraPath('role', 'dualstack-operator.actions.json'));
const destinationRole = readJson<RoleActionsFile>(
  infraPath('role', 'dualstack-diagnostics-destination.actions.json'),
);

/** Resource types the SDKs can address, from their operation paths: what a `<type>/read|write` action can name. */
function sdkResourceTypes(files: string[], namespace: string): Set<string> {
  const types = new Set<string>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(new RegExp(`/providers/${namespace.replace('.', '\\.')}/([^"?]+)`, 'g'))) {
      const segments = (m[1] ?? '').split('/').filter((s) => !s.startsWith('{'));
      if (segments.length > 0) types.add(`${namespace}/${segments.join('/')}`.toLowerCase());
    }
  }
  return types;
}

/** Linked actions are not operations of their own in the specs; these are the documented names Dualstack uses. */
const LINKED_ACTIONS = new Set([
  'microsoft.network/virtualnetworks/subnets/join/action',
  'microsoft.network/loadbalancers/backendaddresspools/join/action',
  'microsoft.network/routetables/join/action',
  'microsoft.network/networksecuritygroups/join/action',
  'microsoft.network/virtualnetworks/peer/action',
  'microsoft.network/publicipaddresses/join/action',
  'microsoft.operationalinsights/workspaces/sharedkeys/action',
  // POST actions on a network manager (NetworkManagerCommits_Post, NetworkManagerDeploymentStatus_List)
  'microsoft.network/networkmanagers/commit/action',
  'microsoft.network/networkmanagers/listdeploymentstatus/action',
]);

describe('the Dualstack Operator role file', () => {
  const networkOperations = join(REPO, 'node_modules/@azure/arm-network/dist/commonjs/operations');
  const networkTypes = sdkResourceTypes(
    readdirSync(networkOperations)
      .filter((f) => f.endsWith('.js'))
      .map((f) => join(networkOperations, f)),
    'Microsoft.Network',
  );
  // Record sets are addressed `{zone}/{recordType}/{name}`: each record type is a resource type of its own.
  const privateDnsTypes = new Set(
    [
      ...sdkResourceTypes(
        [join(REPO, 'node_modules/@azure/arm-privatedns/dist/index.js')],
        'Microsoft.Network',
      ),
    ].flatMap((t) =>
      t === 'microsoft.network/privatednszones' ? [t, ...['a', 'aaaa'].map((r) => `${t}/${r}`)] : [t],
    ),
  );
  const insightsTypes = sdkResourceTypes(
    [join(REPO, 'node_modules/@azure/arm-monitor/dist/index.js')],
    'Microsoft.Insights',
  );

  it('has a name, a description and a non-empty list of unique actions, no wildcard, deletes only of what it creates', () => {
    expect(role.roleName).toBe('Dualstack Operator');
    expect(role.description.length).toBeGreaterThan(20);
    expect(role.actions.length).toBeGreaterThan(20);
    expect(new Set(role.actions.map((a) => a.toLowerCase())).size).toBe(role.actions.length);
    expect(role.actions.filter((a) => a.includes('*'))).toEqual([]);
    // Rollback deletes the AAAA record sets Dualstack created (and only once they are empty again),
    // the IPv6 public IPs it created (once no frontend or ip configuration holds them), and its IPAM static CIDRs.
    expect(role.actions.filter((a) => /\/delete$/i.test(a))).toEqual([
      'Microsoft.Network/privateDnsZones/AAAA/delete',
      'Microsoft.Network/publicIPAddresses/delete',
      'Microsoft.Network/networkManagers/ipamPools/staticCidrs/delete',
      'Microsoft.Network/networkManagers/routingConfigurations/ruleCollections/rules/delete',
      'Microsoft.Network/networkManagers/securityAdminConfigurations/ruleCollections/rules/delete',
    ]);
    expect(destinationRole.actions).toEqual(['Microsoft.OperationalInsights/workspaces/sharedKeys/action']);
  });

  it('names only real operations: read/write on a resource type the SDK addresses, or a documented linked action', () => {
    const unknown = [...role.actions, ...destinationRole.actions].filter((action) => {
      const a = action.toLowerCase();
      if (LINKED_ACTIONS.has(a)) return false;
      // A POST operation's action is its path's type plus `/action` (IpamPools_GetPoolUsage).
      const post = /^(.+)\/action$/.exec(a);
      if (post) return !networkTypes.has(post[1] ?? '');
      const m = /^(.+)\/(read|write|delete)$/.exec(a);
      if (!m) return true;
      const type = m[1] ?? '';
      const verb = /\/delete$/.test(a) ? 'delete' : m[2];
      if (verb === 'delete') return !(privateDnsTypes.has(type) || networkTypes.has(type));
      return !(
        networkTypes.has(type) ||
        privateDnsTypes.has(type) ||
        insightsTypes.has(type) ||
        type === 'microsoft.resources/subscriptions/resourcegroups'
      );
    });
    expect(networkTypes.has('microsoft.network/virtualnetworks/virtualnetworkpeerings')).toBe(true);
    expect(unknown).toEqual([]);
  });

  it('changes only the resource types Dualstack migrates', () => {
    const written = role.actions.filter((a) => a.endsWith('/write')).map((a) => a.replace(/\/write$/, ''));
    expect(written.sort()).toEqual(
      [
        'Microsoft.Insights/diagnosticSettings',
        'Microsoft.Network/expressRouteCircuits/peerings',
        'Microsoft.Network/loadBalancers',
        'Microsoft.Network/networkInterfaces',
        'Microsoft.Network/networkManagers/ipamPools/staticCidrs',
        'Microsoft.Network/networkManagers/routingConfigurations/ruleCollections/rules',
        'Microsoft.Network/networkManagers/securityAdminConfigurations/ruleCollections/rules',
        'Microsoft.Network/networkSecurityGroups',
        'Microsoft.Network/privateDnsZones/AAAA',
        'Microsoft.Network/publicIPAddresses',
        'Microsoft.Network/routeTables',
        'Microsoft.Network/virtualNetworks',
        'Microsoft.Network/virtualNetworks/virtualNetworkPeerings',
      ].sort(),
    );
  });
});

const SUB = REFERENCE_SUBSCRIPTION_ID;
const PRINCIPAL = '00000000-0000-4000-8000-0000000007e5';
const WORKSPACE_ID = `/subscriptions/${SUB}/resourceGroups/rg-dualstack/providers/Microsoft.OperationalInsights/workspaces/log-dualstack`;
const rg = (name: string): string =>
  `/subscriptions/${SUB}/resourceGroups/${name}/providers/Microsoft.Network`;
const SPOKE = rg('rg-spoke-prod-1');
const HUB = rg('rg-hub');

/** One write per kind Dualstack makes, each on a resource whose body carries the references ARM checks. */
const WRITES = [
  `${SPOKE}/routeTables/rt-spoke-prod-1-web`,
  `${SPOKE}/networkSecurityGroups/nsg-spoke-prod-1-web`,
  // The VNet PUT carries its subnets, which reference their route tables and NSGs.
  `${SPOKE}/virtualNetworks/vnet-spoke-prod-1`,
  // The NIC joins a subnet and the load balancer's backend pool.
  `${SPOKE}/networkInterfaces/nic-vm-prod-1-web`,
  // The internal load balancer's frontend joins a subnet.
  `${SPOKE}/loadBalancers/lbi-spoke-prod-1`,
  // The public load balancer's frontend joins its (IPv4) public IP.
  `${SPOKE}/loadBalancers/lbe-spoke-prod-1`,
  `${HUB}/expressRouteCircuits/erc-hub/peerings/AzurePrivatePeering`,
];
const PEERING = `${HUB}/virtualNetworks/vnet-hub/virtualNetworkPeerings/peer-hub-to-spoke-prod-1`;
const FIREWALL = `${HUB}/azureFirewalls/afw-hub`;
const AAAA = `${rg('rg-dns')}/privateDnsZones/corp.internal/AAAA/vm-prod-1-web`;
const PUBLIC_IPV6 = `${SPOKE}/publicIPAddresses/pip-lbe-spoke-prod-1-ipv6`;
const POOL = `${rg('rg-avnm')}/networkManagers/avnm/ipamPools/ipv6`;
const STATIC_CIDRS = 'Microsoft.Network/networkManagers/ipamPools/staticCidrs';
/** The IPv6 twins Dualstack adds to AVNM rule collections (created, then deleted by a rollback). */
const AVNM_TWINS: ArmResource[] = [
  {
    id: `${AVNM_ROUTING}/ruleCollections/spokes/rules/to-hub-ipv6`,
    name: 'to-hub-ipv6',
    type: 'Microsoft.Network/networkManagers/routingConfigurations/ruleCollections/rules',
    properties: {
      destination: { type: 'AddressPrefix', destinationAddress: 'fd00:db8::/56' },
      nextHop: { nextHopType: 'VirtualAppliance', nextHopAddress: 'fd00:db8:0:4::4' },
    },
  },
  {
    id: `${AVNM_ADMIN}/ruleCollections/base/rules/https-from-hub-ipv6`,
    name: 'https-from-hub-ipv6',
    type: 'Microsoft.Network/networkManagers/securityAdminConfigurations/ruleCollections/rules',
    kind: 'Custom',
    properties: {
      direction: 'Inbound',
      access: 'Allow',
      protocol: 'Tcp',
      priority: 101,
      sources: [{ addressPrefixType: 'IPPrefix', addressPrefix: 'fd00:db8::/56' }],
    },
  } as ArmResource,
];

/**
 * What a migration does to one spoke and the hub, through the production access layer (real SDK
 * clients): list everything, then read-modify-write each kind of resource with If-Match, sync a
 * peering, and ensure a hub diagnostic setting. `run` makes every write a real change.
 */
async function representativeMigration(conn: AzureConnection, run: number): Promise<void> {
  const clients = networkClients(conn);
  const observed = await listNetwork(clients, [SUB]);
  if (observed.length < 50) throw new Error(`listed only ${observed.length} resources`);
  for (const id of WRITES) {
    const current = await getResource(clients, id);
    // Child resources (the circuit peering) carry no tags: they are PUT as read, which ARM authorises all the same.
    const topLevel = id.split('/').length === 9;
    const desired: ArmResource = topLevel
      ? { ...current, tags: { ...current.tags, 'dualstack-role-test': String(run) } }
      : current;
    await putResource(clients, desired, { ifMatch: current.etag, updateIntervalInMs: 1 });
  }
  // An AAAA set beside an A record, read first (a run refused before its delete left one), created
  // only if absent or changed only if unchanged, then (rollback) deleted only if unchanged.
  const left = await getResource(clients, AAAA).catch(() => undefined);
  const created = await putResource(
    clients,
    {
      id: AAAA,
      name: 'vm-prod-1-web',
      type: 'Microsoft.Network/privateDnsZones/AAAA',
      properties: { ttl: 10 },
    },
    left?.etag ? { ifMatch: left.etag } : { ifNoneMatch: '*' },
  );
  await deleteResource(clients, AAAA, created.etag ? { ifMatch: created.etag } : {});
  // An IPv6 public IP created only if absent (a run refused before its delete left one), then (rollback) deleted.
  const leftIp = await getResource(clients, PUBLIC_IPV6).catch(() => undefined);
  await putResource(
    clients,
    {
      id: PUBLIC_IPV6,
      name: 'pip-lbe-spoke-prod-1-ipv6',
      type: 'Microsoft.Network/publicIPAddresses',
      location: 'westeurope',
      sku: { name: 'Standard', tier: 'Regional' },
      properties: { publicIPAddressVersion: 'IPv6', publicIPAllocationMethod: 'Static' },
    },
    leftIp?.etag
      ? { ifMatch: leftIp.etag, updateIntervalInMs: 1 }
      : { ifNoneMatch: '*', updateIntervalInMs: 1 },
  );
  await deleteResource(clients, PUBLIC_IPV6);
  // A VNet block from the IPAM pool: the pool and its usage read, a static CIDR created, then (rollback) deleted.
  const pool = await readIpamPool(clients, POOL);
  if (!pool.pool) throw new Error(`the IPAM pool ${POOL} is missing`);
  const cidr = `${POOL}/staticCidrs/role-${run}`;
  await putResource(
    clients,
    {
      id: cidr,
      name: `role-${run}`,
      type: STATIC_CIDRS,
      properties: { addressPrefixes: [`fd00:1200:0:${run}00::/56`] },
    },
    { ifNoneMatch: '*' },
  );
  await deleteResource(clients, cidr);
  // AVNM rule twins created only if absent, then (rollback) deleted; each configuration committed after.
  for (const twin of AVNM_TWINS) {
    const leftTwin = await getResource(clients, twin.id).catch(() => undefined);
    if (!leftTwin) await putResource(clients, twin, { ifNoneMatch: '*' });
    await deleteResource(clients, twin.id);
  }
  const manager = managerRef(AVNM_NM);
  for (const [commitType, id] of [
    ['Routing', AVNM_ROUTING],
    ['SecurityAdmin', AVNM_ADMIN],
  ] as const) {
    await listDeploymentStatus(clients, manager, ['westeurope'], commitType);
    await lastModified(clients, manager, id, commitType);
    const commit = { commitType, configurationIds: [id], targetLocations: ['westeurope'] };
    await postCommit(clients, manager, commit, { updateIntervalInMs: 1 });
  }
  const peering = await getResource(clients, PEERING);
  await putResource(clients, peering, { syncRemoteAddressSpace: true, updateIntervalInMs: 1 });
  // Azure allows one setting per sink and category, so each run moves Dualstack's one setting to a new workspace.
  await ensureDiagnosticSetting(monitorClient(conn, SUB), {
    resourceId: FIREWALL,
    workspaceId: `${WORKSPACE_ID}-${run}`,
  });
}

/** The ARM error code and message of a failure from the access layer (DualstackError) or the monitor client (RestError). */
function armFailure(e: unknown): { code: string; message: string } {
  const err = e as { code?: string; message?: string; detail?: string };
  return { code: err.code ?? '', message: `${err.message ?? ''} ${err.detail ?? ''}` };
}

describe('the Dualstack Operator role against the emulator RBAC (real SDK clients)', () => {
  let emulator: EmulatorHandle;
  let conn: AzureConnection;
  let run = 0;

  beforeAll(async () => {
    registerMonitorExtensions();
    const options: EmulatorOptionsWithMonitor = {
      timeScale: 0,
      throttling: false,
      // The reference estate plus AVNM rules over a spoke and an IPAM pool, so every AVNM action is exercised.
      topology: [
        ...avnmRulesEstate(),
        ...ipamPoolResources({
          subscriptionId: SUB,
          resourceGroup: 'rg-avnm',
          location: 'westeurope',
          networkManagerName: 'avnm',
          poolName: 'ipv6',
          addressPrefixes: ['fd00:1200::/48'],
        }).filter((r) => r.type !== 'Microsoft.Network/networkManagers'),
      ],
      monitor: new MonitorEmulator({}),
    };
    emulator = await startEmulator(options);
    conn = {
      credential: emulatorCredential(PRINCIPAL),
      armEndpoint: emulator.endpoint,
      tlsCa: emulator.ca,
      retryOptions: { maxRetries: 0 },
    };
  });

  afterAll(async () => {
    await emulator.stop();
  });

  it('lets a representative migration through under exactly the role', async () => {
    expect(DUALSTACK_OPERATOR_ACTIONS).toEqual(role.actions);
    emulator.setRbac(operatorRbac(PRINCIPAL));
    emulator.clearWriteLog();
    await representativeMigration(conn, ++run);
    const writes = emulator.writeLog().filter((w) => w.principalId === PRINCIPAL && w.status < 300);
    expect(writes.length).toBeGreaterThanOrEqual(WRITES.length + 2);
  });

  it('refuses to build an RBAC without an action the role does not have', () => {
    expect(() => operatorRbac(PRINCIPAL, 'Microsoft.Network/virtualNetworks/delete')).toThrow(
      /withoutAction/,
    );
  });

  it('is refused without any role at all', async () => {
    emulator.setRbac({ [PRINCIPAL]: [] });
    await expect(representativeMigration(conn, ++run)).rejects.toMatchObject({ code: 'AuthorizationFailed' });
  });

  it.each(role.actions)(
    'fails with an authorization error naming %s when that action is removed',
    async (removed) => {
      emulator.setRbac(operatorRbac(PRINCIPAL, removed));
      const failure = await representativeMigration(conn, ++run).then(
        () => undefined,
        (e: unknown) => armFailure(e),
      );
      expect(failure).toBeDefined();
      expect(['AuthorizationFailed', 'LinkedAuthorizationFailed']).toContain(failure?.code);
      expect(failure?.message.toLowerCase()).toContain(removed.toLowerCase());
    },
  );
});
