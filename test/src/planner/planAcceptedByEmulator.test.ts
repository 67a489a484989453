import type {
  ExpressRouteCircuitPeering,
  LoadBalancer,
  NetworkInterface,
  NetworkSecurityGroup,
  PublicIPAddress,
  RouteTable,
  VirtualNetwork,
  VirtualNetworkPeering,
} from '@azure/arm-network';
import { NetworkManagementClient } from '@azure/arm-network';
import type { ArmResource } from '../../../src/arm/ArmResource';
import { parseResourceId } from '../../../src/arm/resourceId';
import { networkClients, type NetworkClients } from '../../../src/azure/networkClient';
import { putResource } from '../../../src/azure/putResource';
import { toSdkModel } from '../../../src/azure/wireModel';
import { resolveAaaaAdditions } from '../../../src/activities/resolveAaaaAdditions';
import { applyIpv6Additions } from '../../../src/planner/applyIpv6Additions';
import { parseConfig } from '../../../src/planner/config/parseConfig';
import { ipv4Differences } from '../../../src/planner/ipv4Fingerprint';
import type { DualStackConfig } from '../../../src/planner/config/DualStackConfig';
import type { Plan, PlanStep } from '../../../src/planner/Plan';
import { planDualStack } from '../../../src/planner/planDualStack';
import type { EmulatorHandle } from '../../../emulator/EmulatorOptions';
import { emulatorCredential } from '../../../emulator/emulatorCredential';
import { startEmulator } from '../../../emulator/startEmulator';
import { generateEstate } from '../../../estates/generateEstate';
import { referenceTopology } from '../../../estates/referenceTopology';

const POLL = { updateIntervalInMs: 5 };

/**
 * An AAAA step through @azure/arm-privatedns: its addresses are those the emulator gave the NICs'
 * new ip configurations (dynamic), read as the activity reads them.
 */
async function putRecordSet(clients: NetworkClients, step: PlanStep): Promise<void> {
  const additions = await resolveAaaaAdditions(clients, step.additions);
  const exists = step.plannedEtag !== undefined;
  await putResource(
    clients,
    applyIpv6Additions(step.desired, additions),
    exists ? { ifMatch: step.plannedEtag } : { ifNoneMatch: '*' },
  );
}

/** PUTs one step's desired body through the typed SDK operation for its kind. */
async function put(client: NetworkManagementClient, step: PlanStep, clients: NetworkClients): Promise<void> {
  const id = parseResourceId(step.resourceId);
  if (!id) throw new Error(`bad id ${step.resourceId}`);
  const rg = id.resourceGroup;
  const [name = '', child = ''] = id.names;
  const body = step.desired;
  switch (step.kind) {
    case 'privateDnsRecordSet':
      await putRecordSet(clients, step);
      return;
    case 'virtualNetwork':
      await client.virtualNetworks.beginCreateOrUpdateAndWait(
        rg,
        name,
        toSdkModel<VirtualNetwork>('VirtualNetwork', body),
        POLL,
      );
      return;
    case 'networkInterface':
      await client.networkInterfaces.beginCreateOrUpdateAndWait(
        rg,
        name,
        toSdkModel<NetworkInterface>('NetworkInterface', body),
        POLL,
      );
      return;
    case 'publicIPAddress':
      await client.publicIPAddresses.beginCreateOrUpdateAndWait(
        rg,
        name,
        toSdkModel<PublicIPAddress>('PublicIPAddress', body),
        POLL,
      );
      return;
    case 'loadBalancer':
      await client.loadBalancers.beginCreateOrUpdateAndWait(
        rg,
        name,
        toSdkModel<LoadBalancer>('LoadBalancer', body),
        POLL,
      );
      return;
    case 'routeTable':
      await client.routeTables.beginCreateOrUpdateAndWait(
        rg,
        name,
        toSdkModel<RouteTable>('RouteTable', body),
        POLL,
      );
      return;
    case 'networkSecurityGroup':
      await client.networkSecurityGroups.beginCreateOrUpdateAndWait(
        rg,
        name,
        toSdkModel<NetworkSecurityGroup>('NetworkSecurityGroup', body),
        POLL,
      );
      return;
    case 'expressRouteCircuitPeering':
      await client.expressRouteCircuitPeerings.beginCreateOrUpdateAndWait(
        rg,
        name,
        child,
        toSdkModel<ExpressRouteCircuitPeering>('ExpressRouteCircuitPeering', body),
        POLL,
      );
      return;
    case 'avnmCommit':
      // What AVNM's commit deploys: the planned configurations (this estate deploys no others).
      for (const a of step.additions)
        if (a.op === 'commitAvnm')
          await client.networkManagerCommits.beginPostAndWait(rg, name, a.commit, POLL);
      return;
    case 'peeringSync':
      await client.virtualNetworkPeerings.beginCreateOrUpdateAndWait(
        rg,
        name,
        child,
        toSdkModel<VirtualNetworkPeering>('VirtualNetworkPeering', body),
        { ...POLL, syncRemoteAddressSpace: 'true' },
      );
      return;
  }
}

/** Plans what the emulator holds, PUTs every step in order, and checks IPv4 and an empty re-plan. */
async function applyAndCheck(
  handle: EmulatorHandle,
  config: DualStackConfig,
  subscriptionId: string,
): Promise<Plan> {
  const client = new NetworkManagementClient(emulatorCredential(), subscriptionId, {
    endpoint: handle.endpoint,
    tlsOptions: { ca: handle.ca },
  });
  const before = handle.dump();
  const plan = planDualStack(before, config);
  expect(plan.blockers).toEqual([]);
  const clients = networkClients({
    credential: emulatorCredential(),
    armEndpoint: handle.endpoint,
    tlsCa: handle.ca,
  });
  for (const step of plan.steps) await expect(put(client, step, clients)).resolves.toBeUndefined();
  const after = handle.dump();
  const afterById = new Map(after.map((r) => [r.id.toLowerCase(), r]));
  for (const r of before) {
    // a commit records its time in the manager's deployment status: that is the point of it
    if (r.type === 'Microsoft.Network/networkManagers/deploymentStatus') continue;
    const now = afterById.get(r.id.toLowerCase());
    expect(now && ipv4Differences(r, now)).toEqual([]);
  }
  const again = planDualStack(after, config, plan.reservations);
  expect(again.steps.map((s) => s.id)).toEqual([]);
  return plan;
}

describe('every step of a generated estate’s plan is accepted by the emulator', () => {
  it('covers shared route tables, extra ip configurations and spokes without a load balancer', async () => {
    const topology = generateEstate({ spokes: 6, subnetsPerSpoke: 2, nicsPerSubnet: 2, seed: 7 });
    const handle = await startEmulator({ topology, throttling: false });
    try {
      const hub = topology.find(
        (r) => r.type === 'Microsoft.Network/virtualNetworks' && r.name === 'vnet-hub',
      );
      const subscriptionId = parseResourceId(hub?.id ?? '')?.subscriptionId ?? '';
      const config = parseConfig({
        hubVnetId: hub?.id,
        scope: { subscriptions: [subscriptionId] },
        ipv6Pool: 'fd00:77::/48',
      });
      const plan = await applyAndCheck(handle, config, subscriptionId);
      expect(plan.steps.some((s) => s.kind === 'routeTable' && s.vnetId === undefined)).toBe(true);
    } finally {
      await handle.stop();
    }
  });
});

describe('every step of the reference plan is accepted by the emulator through the real SDK', () => {
  let handle: EmulatorHandle;
  let topology: ArmResource[];

  beforeAll(async () => {
    topology = referenceTopology();
    handle = await startEmulator({ topology, throttling: false });
  });
  afterAll(() => handle.stop());

  it('applies in order, leaves IPv4 as it was, and plans nothing afterwards', async () => {
    const hub = topology.find((r) => r.name === 'vnet-hub');
    const circuit = topology.find((r) => r.type === 'Microsoft.Network/expressRouteCircuits');
    if (!hub || !circuit) throw new Error('reference topology without hub or circuit');
    const subscriptionId = parseResourceId(hub.id)?.subscriptionId ?? '';
    const config = parseConfig({
      hubVnetId: hub.id,
      scope: { subscriptions: [subscriptionId] },
      ipv6Pool: '2001:db8:1234::/48',
      publicIpv6: 'mirror',
      onPremisesPrefixMap: { '192.168.0.0/16': '2001:db8:5678::/56' },
      expressRoute: {
        circuitId: circuit.id,
        primaryPeerAddressPrefix: '2001:db8:ffff::/126',
        secondaryPeerAddressPrefix: '2001:db8:ffff::4/126',
      },
    });
    const plan = await applyAndCheck(handle, config, subscriptionId);
    expect(plan.steps.length).toBeGreaterThan(50);
    const afterById = new Map(handle.dump().map((r) => [r.id.toLowerCase(), r]));
    const nva = afterById.get(topology.find((r) => r.name === 'lbi-hub-nva')?.id.toLowerCase() ?? '');
    const frontends = (nva?.properties?.frontendIPConfigurations ?? []) as {
      properties: Record<string, unknown>;
    }[];
    expect(frontends.map((f) => f.properties.privateIPAddress)).toContain('2001:db8:1234:4::4');
    const peerings = (afterById.get(hub.id.toLowerCase())?.properties?.virtualNetworkPeerings ?? []) as {
      properties: { peeringSyncLevel: string; remoteAddressSpace: { addressPrefixes: string[] } };
    }[];
    expect(peerings.map((p) => p.properties.peeringSyncLevel)).toEqual(peerings.map(() => 'FullyInSync'));
    expect(
      peerings.every((p) => p.properties.remoteAddressSpace.addressPrefixes.some((x) => x.includes(':'))),
    ).toBe(true);
  });
});
