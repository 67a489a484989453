import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { DEFAULT_PRINCIPAL_ID } from '../../../emulator/emulatorCredential';
import { REFERENCE_SUBSCRIPTION_ID } from '../../../estates/referenceLayout';
import { referenceTopology } from '../../../estates/referenceTopology';
import type { ArmResource } from '../../../src/arm/ArmResource';
import { idKey, parseResourceId } from '../../../src/arm/resourceId';
import { DualstackError } from '../../../src/azure/DualstackError';
import { listNetwork } from '../../../src/azure/listNetwork';
import { DISCOVERED_TYPES, NETWORK_RESOURCE_TYPES } from '../../../src/azure/networkResourceTypes';
import { parseConfig } from '../../../src/planner/config/parseConfig';
import { planDualStack } from '../../../src/planner/planDualStack';
import { startNetworkEmulator, type NetworkEmulator } from './emulatorClients';
import { PROD2_NAT_GATEWAY, withNatGateway } from '../../helpers/referenceVariants';

const SUB = REFERENCE_SUBSCRIPTION_ID;
const PAGE_SIZE = 2;
/** Top-level types, plus the private DNS zones' links and record sets (listed per zone). */
const discovered = new Set(
  [...DISCOVERED_TYPES, ...NETWORK_RESOURCE_TYPES.filter((t) => t.listByParent).map((t) => t.type)].map((t) =>
    t.toLowerCase(),
  ),
);
const byId = (a: ArmResource, b: ArmResource): number => (idKey(a.id) < idKey(b.id) ? -1 : 1);
const rgOf = (r: ArmResource): string => parseResourceId(r.id)?.resourceGroup.toLowerCase() ?? '';

const NAT = PROD2_NAT_GATEWAY;

let net: NetworkEmulator;
let requests: { method: string; path: string; query: string }[];

beforeAll(async () => {
  net = await startNetworkEmulator({ topology: withNatGateway(referenceTopology()), pageSize: PAGE_SIZE });
  const recorder: PipelinePolicy = {
    name: 'recordRequests',
    sendRequest(request, next) {
      const url = new URL(request.url);
      requests.push({ method: request.method, path: url.pathname, query: url.search });
      return next(request);
    },
  };
  net.clients(SUB).pipeline.addPolicy(recorder);
  net.clients.privateDns(SUB).pipeline.addPolicy(recorder);
});
afterAll(async () => {
  await net.emulator.stop();
});
beforeEach(() => {
  requests = [];
});

describe('listNetwork', () => {
  it('returns every discovered resource exactly as the emulator stores it (ARM GET shape), sorted by id', async () => {
    const listed = await listNetwork(net.clients, [SUB]);
    const expected = net.emulator
      .dump()
      .filter((r) => discovered.has(r.type.toLowerCase()))
      .sort(byId);
    expect(listed.map((r) => r.id)).toEqual(expected.map((r) => r.id));
    expect(listed).toEqual(expected);
    // every discovered type the estate holds is found, virtual network gateways and NAT gateways included
    // (it has no AAAA sets and no AVNM IPAM static CIDRs yet)
    const held = new Set(net.emulator.dump().map((r) => r.type.toLowerCase()));
    expect(new Set(listed.map((r) => r.type.toLowerCase()))).toEqual(
      new Set([...discovered].filter((t) => held.has(t))),
    );
    expect([...discovered].filter((t) => !held.has(t)).sort()).toEqual(
      [
        'microsoft.network/networkmanagers/ipampools/staticcidrs',
        'microsoft.network/networkmanagers/routingconfigurations',
        'microsoft.network/networkmanagers/routingconfigurations/rulecollections',
        'microsoft.network/networkmanagers/routingconfigurations/rulecollections/rules',
        'microsoft.network/networkmanagers/securityadminconfigurations',
        'microsoft.network/networkmanagers/securityadminconfigurations/rulecollections',
        'microsoft.network/networkmanagers/securityadminconfigurations/rulecollections/rules',
        'microsoft.network/privatednszones/aaaa',
      ].sort(),
    );
    expect(listed[0]?.properties).toBeDefined();
  });

  it('lists NAT gateways (SKU and the subnets using them), so the planner warns about a Standard one', async () => {
    const listed = await listNetwork(net.clients, [SUB]);
    const nat = listed.find((r) => idKey(r.id) === idKey(NAT));
    expect(nat?.sku).toEqual({ name: 'Standard' });
    expect(nat?.properties?.subnets).toEqual([
      {
        id: `/subscriptions/${SUB}/resourceGroups/rg-spoke-prod-2/providers/Microsoft.Network/virtualNetworks/vnet-spoke-prod-2/subnets/snet-app`,
      },
    ]);
    const hub = listed.find((r) => r.name === 'vnet-hub');
    const plan = planDualStack(listed, parseConfig({ hubVnetId: hub?.id, scope: { subscriptions: [SUB] } }));
    expect(plan.warnings.find((w) => w.code === 'NatGatewayNoIpv6Egress')?.message).toMatch(
      /^subnet snet-app uses NAT gateway ng-spoke-prod-2 \(Standard\): only a StandardV2 NAT gateway carries IPv6/,
    );
  });

  it('only lists, page by page: no per-resource GETs, one request per page of 2', async () => {
    const listed = await listNetwork(net.clients, [SUB]);
    // reads only: GET lists, and AVNM's deployment status, which ARM answers only to POST listDeploymentStatus
    expect(
      requests.every(
        (r) => r.method === 'GET' || (r.method === 'POST' && r.path.endsWith('/listDeploymentStatus')),
      ),
    ).toBe(true);
    for (const r of requests) {
      // a collection path ends in a type segment: /providers/Microsoft.Network/<type>, or a zone's <type>
      expect(r.path).toMatch(/\/providers\/Microsoft\.Network\/(?:[A-Za-z]+\/[^/]+\/)*[A-Za-z]+$/);
    }
    const countsByType = new Map<string, number>();
    for (const r of listed)
      countsByType.set(r.type.toLowerCase(), (countsByType.get(r.type.toLowerCase()) ?? 0) + 1);
    const pages = [...countsByType.values()].reduce((n, count) => n + Math.ceil(count / PAGE_SIZE), 0);
    const gatewayGroups = new Set(
      listed.filter((r) => r.type === 'Microsoft.Network/virtualNetworkGateways').map(rgOf),
    ).size;
    // a page per PAGE_SIZE resources, plus the (empty) list of network managers, plus no more than one (empty)
    // list per gateway resource group probed
    expect(requests.length).toBeGreaterThanOrEqual(pages + 1);
    // AVNM's children are listed per parent, some of them empty
    const avnmLists = requests.filter((r) => r.path.includes('/networkManagers/')).length;
    expect(requests.length).toBeLessThanOrEqual(pages + 1 + gatewayGroups + avnmLists);
    expect(requests.some((r) => r.query.includes('skipToken'))).toBe(true);
  });

  it('narrows to resource groups given by name or by id, case-insensitively', async () => {
    const all = await listNetwork(net.clients, [SUB]);
    const groups = [...new Set(all.map(rgOf))].sort();
    expect(groups.length).toBeGreaterThan(1);
    const [first = '', second = ''] = groups;
    const scoped = await listNetwork(
      net.clients,
      [SUB.toUpperCase()],
      [first.toUpperCase(), `/subscriptions/${SUB}/resourceGroups/${second}`],
    );
    expect(scoped).toEqual(all.filter((r) => [first, second].includes(rgOf(r))));
  });

  it('lists several subscriptions, each through its own client', async () => {
    const other = '22222222-2222-4222-8222-222222222222';
    const two = await startNetworkEmulator({
      topology: [...referenceTopology(), ...referenceTopology({ subscriptionId: other })],
      pageSize: 50,
    });
    try {
      const listed = await listNetwork(two.clients, [SUB, other]);
      const expected = two.emulator
        .dump()
        .filter((r) => discovered.has(r.type.toLowerCase()))
        .sort(byId);
      expect(listed).toEqual(expected);
      const subs = new Set(listed.map((r) => parseResourceId(r.id)?.subscriptionId));
      expect(subs).toEqual(new Set([SUB, other]));
      expect(two.clients(other).subscriptionId).toBe(other);
    } finally {
      await two.emulator.stop();
    }
  });

  it('lists only the types asked for', async () => {
    const nics = await listNetwork(net.clients, [SUB], undefined, {
      types: ['Microsoft.Network/networkInterfaces'],
    });
    expect(nics.length).toBeGreaterThan(0);
    expect(nics.every((r) => r.type === 'Microsoft.Network/networkInterfaces')).toBe(true);
    // gateways are found through their VNets' GatewaySubnets even when VNets aren't asked for
    const gateways = await listNetwork(net.clients, [SUB], undefined, {
      types: ['Microsoft.Network/virtualNetworkGateways'],
    });
    expect(gateways.map((r) => r.id)).toEqual(
      net.emulator
        .dump()
        .filter((r) => r.type === 'Microsoft.Network/virtualNetworkGateways')
        .map((r) => r.id)
        .sort(),
    );
    expect(gateways.length).toBeGreaterThan(0);
  });

  it('rejects bad scope with errors that name the field', async () => {
    await expect(listNetwork(net.clients, [])).rejects.toThrow(/subscriptionIds: at least one/);
    await expect(listNetwork(net.clients, ['sub-1'])).rejects.toThrow(/subscriptionIds\[0\]: 'sub-1'/);
    await expect(listNetwork(net.clients, [SUB], ['bad/name'])).rejects.toThrow(
      /resourceGroups\[0\]: 'bad\/name'/,
    );
    await expect(
      listNetwork(
        net.clients,
        [SUB],
        ['/subscriptions/11111111-1111-4111-8111-111111111111/resourceGroups/rg'],
      ),
    ).rejects.toThrow(/resourceGroups\[0\].*outside subscriptionIds/);
    await expect(
      listNetwork(net.clients, [SUB], undefined, { types: ['Microsoft.Network/subnets'] }),
    ).rejects.toThrow(/options.types\[0\]: 'Microsoft.Network\/subnets'/);
  });

  it('fails a list the principal may not read with a terminal, classified error naming the scope', async () => {
    net.emulator.setRbac({ [DEFAULT_PRINCIPAL_ID]: ['Microsoft.Network/virtualNetworks/read'] });
    try {
      const err = await listNetwork(net.clients, [SUB]).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DualstackError);
      expect(err).toMatchObject({ code: 'AuthorizationFailed', status: 403, retryable: false });
      expect((err as DualstackError).detail).toMatch(
        new RegExp(`^listing Microsoft.Network/\\w+ in /subscriptions/${SUB}`),
      );
    } finally {
      net.emulator.setRbac(undefined);
    }
  });
});
