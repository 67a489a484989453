import type { ArmResource } from '../../../src/arm/ArmResource';
import { parseConfig } from '../../../src/planner/config/parseConfig';
import type { DualStackConfig } from '../../../src/planner/config/DualStackConfig';
import type { Plan } from '../../../src/planner/Plan';
import { planDualStack } from '../../../src/planner/planDualStack';
import { REFERENCE_LAYOUT, referenceTopology } from '../../../estates/referenceTopology';
import { child, childProps, mustStep } from './fixtures/planHelpers';
import { applyPlanToSnapshot } from './fixtures/applyPlanToSnapshot';

/**
 * The reference topology (the IPv4 "before" of Microsoft's IPv6 hub-and-spoke guide) must
 * plan into the guide's "after": the guide's own numbers, with the guide's pool and its
 * spoke blocks held as reservations (the guide numbers spokes 1-4 in order; the planner's
 * own choice for new spokes is a hash slot, see preferredSlot).
 */
const GUIDE_SPOKES = ['prod-1', 'prod-2', 'nonprod-1', 'nonprod-2'];
const NVA = '2001:db8:1234:4::4';

function setup(): {
  topology: ArmResource[];
  plan: Plan;
  config: DualStackConfig;
  find: (name: string) => ArmResource;
} {
  const topology = referenceTopology();
  const find = (name: string) => {
    const r = topology.find((x) => x.name === name);
    if (!r) throw new Error(`reference topology has no ${name}`);
    return r;
  };
  const hub = find(REFERENCE_LAYOUT.hub.vnet);
  const circuit = find(REFERENCE_LAYOUT.hub.expressRouteCircuit.name);
  const config = parseConfig({
    hubVnetId: hub.id,
    scope: { subscriptions: [hub.id.split('/')[2]] },
    ipv6Pool: '2001:db8:1234::/48',
    publicIpv6: 'mirror',
    onPremisesPrefixMap: { [REFERENCE_LAYOUT.onPremisesPrefix]: '2001:db8:5678::/56' },
    expressRoute: {
      circuitId: circuit.id,
      primaryPeerAddressPrefix: '2001:db8:ffff::/126',
      secondaryPeerAddressPrefix: '2001:db8:ffff::4/126',
    },
  });
  const reservations = GUIDE_SPOKES.map((label, i) => ({
    vnetId: find(`vnet-spoke-${label}`).id,
    prefix: `2001:db8:1234:${i + 1}00::/56`,
  }));
  return { topology, plan: planDualStack(topology, config, reservations), config, find };
}

describe('the reference topology plans into Microsoft’s guide', () => {
  const { topology, plan, config, find } = setup();
  const hub = find('vnet-hub');

  it('has no blockers; the warnings are the gateway ones the guide gives, the live NIC change and the public IPv6 return path', () => {
    expect(plan.blockers).toEqual([]);
    expect(plan.warnings.map((w) => w.code)).toEqual([
      'AaaaRecordsNotAutoRegistered',
      'GatewaySubnetIpv6',
      'NicIpv6OnRunningVm',
      'PublicIpv6ReturnViaNva',
      'PublicIpv6ReturnViaNva',
      'VpnGatewayIpv4Only',
    ]);
    // The public LB and the VM public IP sit behind the spokes' ::/0 route to the NVA pool.
    expect(plan.warnings.filter((w) => w.code === 'PublicIpv6ReturnViaNva').map((w) => w.resourceId)).toEqual(
      [find('nic-vm-nonprod-1-web').id, find('lbe-spoke-prod-1').id],
    );
    expect(plan.warnings[2]?.message).toMatch(/^14 NICs attached to VMs/);
    expect(plan.poolGenerated).toBe(false);
  });

  it('hub: the first /56, GatewaySubnet ::3 and NVA subnet ::4, firewall and Bastion subnets untouched', () => {
    const vnet = plan.vnets[0];
    expect(vnet?.role).toBe('hub');
    expect(vnet?.ipv6Prefix).toBe('2001:db8:1234::/56');
    expect(vnet?.subnets.map((s) => [s.name, s.ipv6Prefix])).toEqual([
      ['AzureBastionSubnet', undefined],
      ['AzureFirewallSubnet', undefined],
      ['GatewaySubnet', '2001:db8:1234:3::/64'],
      ['snet-nva', '2001:db8:1234:4::/64'],
    ]);
    const step = mustStep(plan, 'virtualNetwork', hub);
    expect(step.ipv6Prefixes).toEqual(['2001:db8:1234::/56', '2001:db8:1234:3::/64', '2001:db8:1234:4::/64']);
    expect(childProps(step, 'subnets', 'AzureFirewallSubnet').addressPrefixes).toBeUndefined();
  });

  it('spokes: the guide’s /56s with /64s for their three subnets', () => {
    GUIDE_SPOKES.forEach((label, i) => {
      const vnet = plan.vnets.find((v) => v.vnetId === find(`vnet-spoke-${label}`).id);
      expect(vnet?.ipv6Prefix).toBe(`2001:db8:1234:${i + 1}00::/56`);
      expect(vnet?.subnets.map((s) => s.ipv6Prefix)).toEqual(
        [0, 1, 2].map((j) => `2001:db8:1234:${i + 1}0${j}::/64`),
      );
    });
  });

  it('NVA load balancer: IPv6 frontend at ::4 of the NVA /64, twin pool and HA-ports rule; NVA NICs join it', () => {
    const lb = find('lbi-hub-nva');
    const step = mustStep(plan, 'loadBalancer', lb);
    const frontends = step.additions.filter(
      (a) => a.op === 'addChild' && a.path[1] === 'frontendIPConfigurations',
    );
    expect(frontends).toHaveLength(1);
    const fe = frontends[0]?.op === 'addChild' ? frontends[0].value : undefined;
    expect(fe?.properties).toEqual(
      expect.objectContaining({
        privateIPAddressVersion: 'IPv6',
        privateIPAllocationMethod: 'Static',
        privateIPAddress: NVA,
      }),
    );
    const rule = step.additions.find((a) => a.op === 'addChild' && a.path[1] === 'loadBalancingRules');
    expect(rule?.op === 'addChild' && rule.value.properties).toEqual(
      expect.objectContaining({ protocol: 'All', frontendPort: 0, backendPort: 0 }),
    );
    for (const name of ['nic-nva-1', 'nic-nva-2']) {
      const nic = mustStep(plan, 'networkInterface', find(name));
      expect(nic.dependsOn).toContain(step.id);
    }
  });

  it('hub routes: per-spoke inspection routes on GatewaySubnet via the NVA, ::/0 to Internet on the NVA subnet', () => {
    const gw = mustStep(plan, 'routeTable', find('rt-hub-gateway'));
    expect(gw.additions.map((a) => (a.op === 'addChild' ? a.value.properties : undefined))).toEqual(
      GUIDE_SPOKES.map((_, i) => ({
        addressPrefix: `2001:db8:1234:${i + 1}00::/56`,
        nextHopType: 'VirtualAppliance',
        nextHopIpAddress: NVA,
      })),
    );
    const nva = mustStep(plan, 'routeTable', find('rt-hub-nva'));
    expect(childProps(nva, 'routes', 'internet-ipv6')).toEqual({
      addressPrefix: '::/0',
      nextHopType: 'Internet',
    });
  });

  it('spoke routes: ::/0 to the NVA frontend everywhere, and the on-premises route on the app subnet', () => {
    for (const label of GUIDE_SPOKES)
      for (const tier of ['web', 'app', 'data']) {
        const step = mustStep(plan, 'routeTable', find(`rt-spoke-${label}-${tier}`));
        expect(childProps(step, 'routes', 'default-via-firewall-ipv6')).toEqual({
          addressPrefix: '::/0',
          nextHopType: 'VirtualAppliance',
          nextHopIpAddress: NVA,
        });
        expect(child(step, 'routes', 'onprem-via-firewall-ipv6')?.properties).toEqual(
          tier === 'app'
            ? { addressPrefix: '2001:db8:5678::/56', nextHopType: 'VirtualAppliance', nextHopIpAddress: NVA }
            : undefined,
        );
        expect(step.dependsOn).toContain(mustStep(plan, 'loadBalancer', find('lbi-hub-nva')).id);
      }
  });

  it('one IPv6 ip configuration per VM, and load-balancer twins in every spoke', () => {
    const nics = topology.filter((r) => r.type === 'Microsoft.Network/networkInterfaces');
    for (const nic of nics) expect(mustStep(plan, 'networkInterface', nic).additions).toHaveLength(1);
    for (const label of GUIDE_SPOKES) {
      const step = mustStep(plan, 'loadBalancer', find(`lbi-spoke-${label}`));
      expect(step.additions.map((a) => (a.op === 'addChild' ? a.path[1] : a.op)).sort()).toEqual([
        'backendAddressPools',
        'frontendIPConfigurations',
        'loadBalancingRules',
      ]);
    }
  });

  it('ExpressRoute IPv6 private peering with the /126 pair, after the hub VNet', () => {
    const circuit = find('erc-hub');
    const step = mustStep(plan, 'expressRouteCircuitPeering', `${circuit.id}/peerings/AzurePrivatePeering`);
    expect(step.desired.properties?.ipv6PeeringConfig).toEqual({
      primaryPeerAddressPrefix: '2001:db8:ffff::/126',
      secondaryPeerAddressPrefix: '2001:db8:ffff::4/126',
      state: 'Enabled',
    });
  });

  it('peering syncs on both sides of every hub-spoke peering, and a Connectivity commit for the AVNM spoke', () => {
    const syncs = plan.steps
      .filter((s) => s.kind === 'peeringSync')
      .map((s) => s.resourceId.split('/').pop());
    // nonprod-2's peerings are AVNM's: deploying its configuration again syncs them, never a direct PUT.
    const peered = GUIDE_SPOKES.filter((l) => l !== 'nonprod-2');
    expect(syncs.sort()).toEqual(
      peered.flatMap((l) => [`peer-hub-to-spoke-${l}`, `peer-spoke-${l}-to-hub`]).sort(),
    );
    const commits = plan.steps.filter((s) => s.kind === 'avnmCommit');
    expect(commits.map((s) => s.additions)).toEqual([
      [
        {
          op: 'commitAvnm',
          commit: {
            commitType: 'Connectivity',
            configurationIds: [find('cc-hub-spoke').id],
            targetLocations: ['westeurope'],
          },
        },
      ],
    ]);
    expect(commits[0]?.dependsOn.sort()).toEqual(
      plan.steps
        .filter((s) => s.kind === 'virtualNetwork' && /vnet-(hub|spoke-nonprod-2)$/.test(s.resourceId))
        .map((s) => s.id)
        .sort(),
    );
  });

  it('has exactly one step per changed resource plus the syncs, in the guide’s order', () => {
    const count = (kind: string) => plan.steps.filter((s) => s.kind === kind).length;
    expect(count('virtualNetwork')).toBe(5);
    expect(count('loadBalancer')).toBe(6);
    expect(count('networkInterface')).toBe(14);
    expect(count('routeTable')).toBe(14);
    expect(count('networkSecurityGroup')).toBe(13);
    expect(count('expressRouteCircuitPeering')).toBe(1);
    expect(count('peeringSync')).toBe(6);
    expect(count('avnmCommit')).toBe(1);
    // The zone linked to prod-1 and prod-2: prod-1's three VM names, and `app` (both spokes, shared).
    expect(count('privateDnsRecordSet')).toBe(4);
    // The public load balancer's IPv6 public IP, and the web VM's (publicIpv6 "mirror").
    expect(count('publicIPAddress')).toBe(2);
    expect(plan.steps).toHaveLength(66);
    const first = plan.steps.slice(0, 8).map((s) => `${s.kind} ${s.resourceId.split('/').pop()}`);
    expect(first).toEqual([
      'virtualNetwork vnet-hub',
      'loadBalancer lbi-hub-nva',
      'networkInterface nic-nva-1',
      'networkInterface nic-nva-2',
      'routeTable rt-hub-gateway',
      'routeTable rt-hub-nva',
      'networkSecurityGroup nsg-hub-nva',
      'expressRouteCircuitPeering AzurePrivatePeering',
    ]);
  });

  it('gives the public load balancer and the VM public IP Standard static IPv6 twins', () => {
    const pips = plan.steps.filter((s) => s.kind === 'publicIPAddress').map((s) => s.desired);
    expect(pips.map((p) => [p.name, p.sku?.name, p.properties?.publicIPAddressVersion])).toEqual([
      ['pip-vm-nonprod-1-web-ipv6', 'Standard', 'IPv6'],
      ['pip-lbe-spoke-prod-1-ipv6', 'Standard', 'IPv6'],
    ]);
    const lb = mustStep(plan, 'loadBalancer', find('lbe-spoke-prod-1'));
    expect(child(lb, 'frontendIPConfigurations', 'frontend-public-ipv6')?.properties).toEqual({
      publicIPAddress: { id: `${find('pip-lbe-spoke-prod-1').id}-ipv6` },
    });
    expect(childProps(lb, 'loadBalancingRules', 'rule-https-ipv6')).toMatchObject({
      frontendIPConfiguration: { id: `${lb.resourceId}/frontendIPConfigurations/frontend-public-ipv6` },
      backendAddressPool: { id: `${lb.resourceId}/backendAddressPools/pool-web-ipv6` },
      probe: { id: `${lb.resourceId}/probes/probe-https` },
      disableOutboundSnat: true,
    });
    const web = mustStep(plan, 'networkInterface', find('nic-vm-nonprod-1-web'));
    expect(childProps(web, 'ipConfigurations', 'ipconfig1-ipv6')).toMatchObject({
      publicIPAddress: { id: `${find('pip-vm-nonprod-1-web').id}-ipv6` },
    });
  });

  it('applying the plan and planning again gives an empty plan', () => {
    const again = planDualStack(applyPlanToSnapshot(topology, plan), config, plan.reservations);
    expect(again.steps).toEqual([]);
  });

  it('after a run that left resources Failed, plans one re-PUT of each as it is, and nothing else', () => {
    const names = [
      'vnet-spoke-prod-1',
      'nic-vm-prod-1-web',
      'lbi-spoke-prod-1',
      'rt-spoke-prod-1-web',
      'nsg-spoke-prod-1-web',
    ];
    const failed = applyPlanToSnapshot(topology, plan).map((r) =>
      names.includes(r.name) ? { ...r, properties: { ...r.properties, provisioningState: 'Failed' } } : r,
    );
    const again = planDualStack(failed, config, plan.reservations);
    // A snapshot has no dynamic addresses, so the AAAA record of a NIC the plan touches waits on
    // one again (applyPlanToSnapshot leaves it out); against Azure the address is there.
    const reapplied = again.steps.filter((s) => s.kind !== 'privateDnsRecordSet');
    expect(reapplied.map((s) => [s.kind, s.resourceId.split('/').pop(), s.additions])).toEqual([
      ['virtualNetwork', 'vnet-spoke-prod-1', []],
      ['loadBalancer', 'lbi-spoke-prod-1', []],
      ['networkInterface', 'nic-vm-prod-1-web', []],
      ['routeTable', 'rt-spoke-prod-1-web', []],
      ['networkSecurityGroup', 'nsg-spoke-prod-1-web', []],
    ]);
    for (const s of reapplied) {
      expect(s.summary).toMatch(/re-PUT as it is \(its last operation left it Failed\)$/);
      // The body is the resource as observed: the re-PUT changes nothing but the state.
      expect(s.desired).toEqual(failed.find((r) => r.id === s.resourceId));
    }
    expect(again.blockers).toEqual([]);
  });
});
