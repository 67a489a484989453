import type { RunStep } from '../../../src/activities/RunPlan';
import type { StepKind } from '../../../src/planner/Plan';
import { splitAddressSpace } from '../../../src/orchestrations/splitAddressSpace';

const RG =
  '/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg-net/providers/Microsoft.Network';
const HUB_VNET = `${RG}/virtualNetworks/vnet-hub`;
const SPOKE_VNET = `${RG}/virtualNetworks/vnet-spoke-1`;

function step(kind: StepKind, resourceId: string, dependsOn: RunStep[] = [], vnetId = SPOKE_VNET): RunStep {
  return {
    id: `${kind}:${resourceId.toLowerCase()}`,
    kind,
    resourceId,
    vnetId,
    vnetIds: [vnetId],
    dependsOn: dependsOn.map((d) => d.id),
    additions: [],
    ipv6Prefixes: [],
    summary: `${kind} ${resourceId}`,
  };
}

// Stands for the hub's own VNet step: hub-side syncs depend on it, but it never
// belongs to a spoke's step list.
const hubVnet = step('virtualNetwork', HUB_VNET, [], HUB_VNET);
const spokeVnet = step('virtualNetwork', SPOKE_VNET);
const nic = step('networkInterface', `${RG}/networkInterfaces/nic-1`, [spokeVnet]);
const lb = step('loadBalancer', `${RG}/loadBalancers/lb-1`, [spokeVnet]);
const spokeSync = step('peeringSync', `${SPOKE_VNET}/virtualNetworkPeerings/to-hub`, [hubVnet]);
const hubSync = step('peeringSync', `${HUB_VNET}/virtualNetworkPeerings/to-spoke-1`, [spokeVnet, hubVnet]);

const ids = (steps: readonly RunStep[] | undefined): string[] | undefined => steps?.map((s) => s.id);

describe('splitAddressSpace', () => {
  it('puts exactly what the hub-side sync waits for first, and everything else after', () => {
    const split = splitAddressSpace([nic, spokeVnet, lb, spokeSync], [hubSync]);

    expect(ids(split?.addressSpace)).toEqual([spokeVnet.id]);
    expect(ids(split?.rest)).toEqual([nic.id, lb.id, spokeSync.id]);
  });

  it('follows dependencies transitively inside the list, keeping the list order in both parts', () => {
    const routeTable = step('routeTable', `${RG}/routeTables/rt-spoke-1`);
    const nsg = step('networkSecurityGroup', `${RG}/networkSecurityGroups/nsg-spoke-1`);
    // A VNet that needs its route table first, which in turn needs the NSG (chain of two).
    const vnet = { ...spokeVnet, dependsOn: [routeTable.id] };
    const table = { ...routeTable, dependsOn: [nsg.id] };
    const steps = [nic, table, lb, vnet, nsg, spokeSync];

    const split = splitAddressSpace(steps, [hubSync]);

    expect(ids(split?.addressSpace)).toEqual([table.id, vnet.id, nsg.id]);
    expect(ids(split?.rest)).toEqual([nic.id, lb.id, spokeSync.id]);
  });

  it('takes a step once when several hub-side steps wait for it', () => {
    const secondHubSync = step('peeringSync', `${HUB_VNET}/virtualNetworkPeerings/to-spoke-1-b`, [spokeVnet]);

    const split = splitAddressSpace([spokeVnet, nic, lb], [hubSync, secondHubSync]);

    expect(ids(split?.addressSpace)).toEqual([spokeVnet.id]);
    expect(ids(split?.rest)).toEqual([nic.id, lb.id]);
  });

  it.each<[string, RunStep[], RunStep[]]>([
    ['there are no hub-side steps', [spokeVnet, nic, lb, spokeSync], []],
    [
      'the hub-side steps depend on nothing in the list',
      [spokeVnet, nic, lb, spokeSync],
      [step('routeTable', `${RG}/routeTables/rt-gateway`, [hubVnet], HUB_VNET)],
    ],
    ['the split would take every step', [spokeVnet], [hubSync]],
  ])('returns no split when %s', (_, steps, hubSide) => {
    expect(splitAddressSpace(steps, hubSide)).toBeUndefined();
  });
});
