import { contains, ipVersionOf, parseIp } from '../../src/arm/cidr';
import { idKey, parseResourceId, sameId } from '../../src/arm/resourceId';
import { REFERENCE_LAYOUT, referenceTopology } from '../../estates/referenceTopology';
import { cidr, findOverlap, primaryConfig, references, TopologyIndex } from './topologyIndex';
import type {
  Child,
  CircuitProps,
  HubServiceProps,
  LoadBalancerProps,
  NicProps,
  NsgProps,
  PublicIpProps,
  Resource,
  RouteTableProps,
  SecurityRuleProps,
  SubnetProps,
  VnetProps,
} from './wireTypes';

const topology = referenceTopology();
const index = new TopologyIndex(topology);
const vnets = index.ofType<VnetProps>('virtualNetworks');
const hub = vnets.find((v) => v.properties.subnets.some((s) => s.name === 'AzureFirewallSubnet'))!;
const spokes = vnets.filter((v) => v !== hub);
const hubSubnet = (name: string): Child<SubnetProps> => hub.properties.subnets.find((s) => s.name === name)!;
const firewall = index.ofType<HubServiceProps>('azureFirewalls')[0]!;
const firewallIp = firewall.properties.ipConfigurations[0]!.properties.privateIPAddress;
const nics = index.ofType<NicProps>('networkInterfaces');
const loadBalancers = index.ofType<LoadBalancerProps>('loadBalancers');
const isPublic = (l: Resource<LoadBalancerProps>): boolean =>
  l.properties.frontendIPConfigurations.some((f) => f.properties.publicIPAddress !== undefined);
const internalLoadBalancers = loadBalancers.filter((l) => !isPublic(l));
const subnetIdOf = (r: Resource<HubServiceProps>): string =>
  r.properties.ipConfigurations[0]!.properties.subnet.id;
const inSubnet = (subnetId: string, address: string): boolean =>
  contains(cidr(index.get<Child<SubnetProps>>(subnetId).properties.addressPrefix), parseIp(address)!);

describe('referenceTopology', () => {
  it('has one hub and four spokes, two production and two non-production', () => {
    expect(vnets).toHaveLength(5);
    expect(spokes).toHaveLength(4);
    const environments = spokes.map((s) => s.tags?.environment).sort();
    expect(environments).toEqual(['NonProduction', 'NonProduction', 'Production', 'Production']);
  });

  it('has the hub subnets and services of the guide, each with a Standard IPv4 public IP', () => {
    expect(subnetIdOf(firewall)).toBe(hubSubnet('AzureFirewallSubnet').id);
    expect(inSubnet(subnetIdOf(firewall), firewallIp)).toBe(true);

    const gateways = index.ofType<HubServiceProps>('virtualNetworkGateways');
    expect(gateways.map((g) => g.properties.gatewayType).sort()).toEqual(['ExpressRoute', 'Vpn']);
    for (const g of gateways) expect(subnetIdOf(g)).toBe(hubSubnet('GatewaySubnet').id);

    const bastions = index.ofType<HubServiceProps>('bastionHosts');
    expect(bastions.map(subnetIdOf)).toEqual([hubSubnet('AzureBastionSubnet').id]);

    for (const r of [firewall, ...gateways, ...bastions]) {
      const pip = index.get<Resource<PublicIpProps>>(
        r.properties.ipConfigurations[0]!.properties.publicIPAddress!.id,
      );
      expect(pip.sku?.name).toBe('Standard');
      expect(pip.properties.publicIPAddressVersion).toBe('IPv4');
    }

    const circuits = index.ofType<CircuitProps>('expressRouteCircuits');
    expect(circuits).toHaveLength(1);
    const peerings = circuits[0]!.properties.peerings;
    expect(peerings.map((p) => p.properties.peeringType)).toEqual(['AzurePrivatePeering']);
    expect(peerings[0]!.properties.ipv6PeeringConfig).toBeUndefined();
    expect(ipVersionOf(peerings[0]!.properties.primaryPeerAddressPrefix)).toBe('IPv4');
  });

  it('puts two IP-forwarding NVA NICs behind a Standard internal load balancer with an HA-ports rule', () => {
    const nvaNics = nics.filter((n) => n.properties.enableIPForwarding);
    expect(nvaNics).toHaveLength(2);
    const subnetIds = [...new Set(nvaNics.map((n) => idKey(primaryConfig(n).properties.subnet.id)))];
    expect(subnetIds).toHaveLength(1);
    const nvaSubnetId = subnetIds[0]!;
    expect(sameId(index.vnetOfSubnet(nvaSubnetId).id, hub.id)).toBe(true);
    expect(index.get<Child<SubnetProps>>(nvaSubnetId).properties.networkSecurityGroup).toBeDefined();

    const lb = internalLoadBalancers.find((l) =>
      l.properties.frontendIPConfigurations.some((f) => sameId(f.properties.subnet.id, nvaSubnetId)),
    )!;
    expect(lb.sku?.name).toBe('Standard');
    const poolId = lb.properties.backendAddressPools[0]!.id;
    for (const n of nvaNics)
      expect(primaryConfig(n).properties.loadBalancerBackendAddressPools?.map((p) => p.id)).toEqual([poolId]);
    const rule = lb.properties.loadBalancingRules[0]!.properties;
    expect(rule).toMatchObject({ protocol: 'All', frontendPort: 0, backendPort: 0, enableFloatingIP: false });
    expect(index.get(rule.probe.id)).toBeDefined();
  });

  it('gives every spoke three subnets, each with an NSG and a route table whose 0.0.0.0/0 goes to the firewall', () => {
    for (const spoke of spokes) {
      expect(spoke.properties.subnets).toHaveLength(3);
      for (const s of spoke.properties.subnets) {
        expect(index.get<Resource<NsgProps>>(s.properties.networkSecurityGroup!.id).type).toBe(
          'Microsoft.Network/networkSecurityGroups',
        );
        const table = index.get<Resource<RouteTableProps>>(s.properties.routeTable!.id);
        const defaults = table.properties.routes.filter((r) => r.properties.addressPrefix === '0.0.0.0/0');
        expect(defaults.map((r) => r.properties)).toEqual([
          expect.objectContaining({ nextHopType: 'VirtualAppliance', nextHopIpAddress: firewallIp }),
        ]);
      }
    }
  });

  it('has one IPv4 VM NIC per spoke subnet and a Standard ILB per spoke with all three NICs in its pool', () => {
    expect(nics.filter((n) => !n.properties.enableIPForwarding)).toHaveLength(12);
    expect(internalLoadBalancers).toHaveLength(5);
    for (const spoke of spokes) {
      const spokeNics = index.nicsIn(spoke);
      const subnetsUsed = spokeNics.map((n) => idKey(primaryConfig(n).properties.subnet.id)).sort();
      expect(subnetsUsed).toEqual(spoke.properties.subnets.map((s) => idKey(s.id)).sort());
      for (const n of spokeNics) {
        const config = primaryConfig(n).properties;
        expect(config.privateIPAddressVersion).toBe('IPv4');
        expect(inSubnet(config.subnet.id, config.privateIPAddress)).toBe(true);
      }

      const lb = internalLoadBalancers.find((l) =>
        sameId(
          index.vnetOfSubnet(l.properties.frontendIPConfigurations[0]!.properties.subnet.id).id,
          spoke.id,
        ),
      )!;
      expect(lb.sku?.name).toBe('Standard');
      const poolId = lb.properties.backendAddressPools[0]!.id;
      const members = spokeNics.filter((n) =>
        (primaryConfig(n).properties.loadBalancerBackendAddressPools ?? []).some((p) => sameId(p.id, poolId)),
      );
      expect(members).toHaveLength(3);
      expect(lb.properties.probes.length).toBeGreaterThan(0);
      expect(lb.properties.loadBalancingRules.length).toBeGreaterThan(0);
      for (const { properties: p } of lb.properties.loadBalancingRules) {
        for (const refId of [p.frontendIPConfiguration.id, p.backendAddressPool.id, p.probe.id])
          expect(idKey(refId).startsWith(`${idKey(lb.id)}/`)).toBe(true);
        expect(p).toMatchObject({ enableFloatingIP: false, idleTimeoutInMinutes: expect.any(Number) });
      }
    }
  });

  it("publishes prod-1's web tier through a public Standard LB and gives nonprod-1's web VM a public IP", () => {
    const standardStaticIpv4 = (id: string) => {
      const pip = index.get<Resource<PublicIpProps>>(id);
      expect(pip.sku?.name).toBe('Standard');
      expect(pip.properties).toMatchObject({
        publicIPAddressVersion: 'IPv4',
        publicIPAllocationMethod: 'Static',
      });
    };
    const [web] = loadBalancers.filter(isPublic);
    expect(loadBalancers.filter(isPublic).map((l) => l.name)).toEqual(['lbe-spoke-prod-1']);
    expect(web!.sku?.name).toBe('Standard');
    const frontend = web!.properties.frontendIPConfigurations[0]!;
    standardStaticIpv4(frontend.properties.publicIPAddress!.id);
    const poolId = web!.properties.backendAddressPools[0]!.id;
    const members = nics.filter((n) =>
      (primaryConfig(n).properties.loadBalancerBackendAddressPools ?? []).some((p) => sameId(p.id, poolId)),
    );
    expect(members.map((n) => n.name)).toEqual(['nic-vm-prod-1-web']);
    const [rule] = web!.properties.loadBalancingRules;
    expect(rule!.properties).toMatchObject({ protocol: 'Tcp', frontendPort: 443, disableOutboundSnat: true });
    expect(sameId(rule!.properties.frontendIPConfiguration.id, frontend.id)).toBe(true);
    expect(index.get(rule!.properties.probe.id)).toBeDefined();

    const withPublicIp = nics.filter((n) => primaryConfig(n).properties.publicIPAddress);
    expect(withPublicIp.map((n) => n.name)).toEqual(['nic-vm-nonprod-1-web']);
    standardStaticIpv4(primaryConfig(withPublicIp[0]!).properties.publicIPAddress!.id);
  });

  it('peers the hub and every spoke in both directions, the spoke using the hub gateway', () => {
    const towards = (from: Resource<VnetProps>, to: Resource<VnetProps>): Child<unknown>[] =>
      from.properties.virtualNetworkPeerings.filter((p) =>
        sameId(p.properties.remoteVirtualNetwork.id, to.id),
      );
    const connected = {
      allowForwardedTraffic: true,
      peeringState: 'Connected',
      peeringSyncLevel: 'FullyInSync',
    };
    for (const spoke of spokes) {
      const fromHub = towards(hub, spoke);
      const toHub = towards(spoke, hub);
      expect(fromHub).toHaveLength(1);
      expect(toHub).toHaveLength(1);
      expect(fromHub[0]!.properties).toMatchObject({
        ...connected,
        allowGatewayTransit: true,
        useRemoteGateways: false,
        remoteAddressSpace: spoke.properties.addressSpace,
      });
      expect(toHub[0]!.properties).toMatchObject({
        ...connected,
        allowGatewayTransit: false,
        useRemoteGateways: true,
        remoteAddressSpace: hub.properties.addressSpace,
      });
    }
    expect(hub.properties.virtualNetworkPeerings).toHaveLength(spokes.length);
  });

  it('routes traffic for each spoke from GatewaySubnet through the firewall, with BGP propagation on', () => {
    const table = index.get<Resource<RouteTableProps>>(hubSubnet('GatewaySubnet').properties.routeTable!.id);
    expect(table.properties.disableBgpRoutePropagation).toBe(false);
    const prefixes = table.properties.routes
      .filter((r) => r.properties.nextHopIpAddress === firewallIp)
      .map((r) => r.properties.addressPrefix)
      .sort();
    expect(prefixes).toEqual(spokes.map((s) => s.properties.addressSpace.addressPrefixes[0]).sort());
    expect(hubSubnet('AzureBastionSubnet').properties.routeTable).toBeUndefined();
  });

  it('has NSG rules with explicit IPv4 prefixes, rules with service tags only, and an ICMP rule', () => {
    const rules = index.ofType<NsgProps>('networkSecurityGroups').flatMap((n) => n.properties.securityRules);
    const prefixesOf = ({ properties: p }: Child<SecurityRuleProps>): string[] =>
      [
        p.sourceAddressPrefix,
        ...(p.sourceAddressPrefixes ?? []),
        p.destinationAddressPrefix,
        ...(p.destinationAddressPrefixes ?? []),
      ].filter((x): x is string => typeof x === 'string');
    const explicitIpv4 = rules.filter((r) => prefixesOf(r).some((p) => ipVersionOf(p) === 'IPv4'));
    const tagsOnly = rules.filter((r) => prefixesOf(r).every((p) => ipVersionOf(p) === undefined));
    expect(explicitIpv4.length).toBeGreaterThan(0);
    expect(tagsOnly.length).toBeGreaterThan(0);
    expect(tagsOnly.flatMap(prefixesOf)).toEqual(
      expect.arrayContaining(['AzureLoadBalancer', 'VirtualNetwork']),
    );
    expect(rules.some((r) => r.properties.protocol === 'Icmp')).toBe(true);
  });

  it('has no overlapping VNets, and each subnet inside its VNet without overlapping another', () => {
    expect(findOverlap(vnets.flatMap((v) => v.properties.addressSpace.addressPrefixes))).toBeUndefined();
    for (const v of vnets) {
      const space = cidr(v.properties.addressSpace.addressPrefixes[0]!);
      const subnets = v.properties.subnets.map((s) => s.properties.addressPrefix);
      for (const s of subnets) expect(contains(space, cidr(s))).toBe(true);
      expect(findOverlap(subnets)).toBeUndefined();
    }
  });

  it('only references resources that are in the topology (VMs aside), all provisioned', () => {
    const dangling = references(topology)
      .filter((id) => !id.includes('/Microsoft.Compute/'))
      .filter((id) => !index.byId.has(idKey(id)));
    expect(dangling).toEqual([]);
    // Record sets have no provisioning state in the Private DNS API, nor is an AVNM deployment status a resource
    // that is provisioned (it is what listDeploymentStatus answers).
    const unprovisioned =
      /^Microsoft\.Network\/(privateDnsZones\/(A|AAAA)|networkManagers\/deploymentStatus)$/;
    for (const r of topology.filter((x) => !unprovisioned.test(x.type)))
      expect(r.properties?.provisioningState).toBe('Succeeded');
  });

  it('takes the subscription and location from its options', () => {
    const subscriptionId = '11111111-2222-4333-8444-555555555555';
    const moved = referenceTopology({ subscriptionId, location: 'swedencentral' });
    expect(moved).toHaveLength(topology.length);
    for (const r of moved) {
      expect(parseResourceId(r.id)?.subscriptionId).toBe(subscriptionId);
      // Private DNS zones and their links are global resources; record sets have no location, nor have a network
      // manager's children (proxy resources) or its deployment status.
      if (r.type.startsWith('Microsoft.Network/privateDnsZones'))
        expect([undefined, 'global']).toContain(r.location);
      else if (r.type.startsWith('Microsoft.Network/networkManagers/')) expect(r.location).toBeUndefined();
      else expect(r.location).toBe('swedencentral');
    }
    expect(references(moved).filter((id) => !id.startsWith(`/subscriptions/${subscriptionId}/`))).toEqual([]);
  });

  it('is described by REFERENCE_LAYOUT: every VNet, subnet, NIC and load balancer name and prefix', () => {
    const { hub: hubLayout, spokes: spokeLayouts } = REFERENCE_LAYOUT;
    expect(vnets.map((v) => [v.name, v.properties.addressSpace.addressPrefixes])).toEqual([
      [hubLayout.vnet, [hubLayout.addressPrefix]],
      ...spokeLayouts.map((s) => [s.vnet, [s.addressPrefix]]),
    ]);
    const layoutSubnets = [
      ...Object.values(hubLayout.subnets).map((s) => `${hubLayout.vnet}/${s.name}=${s.addressPrefix}`),
      ...spokeLayouts.flatMap((sp) => sp.subnets.map((s) => `${sp.vnet}/${s.name}=${s.addressPrefix}`)),
    ];
    const subnets = vnets.flatMap((v) =>
      v.properties.subnets.map((s) => `${v.name}/${s.name}=${s.properties.addressPrefix}`),
    );
    expect(subnets.sort()).toEqual(layoutSubnets.sort());
    const layoutNics = [
      ...hubLayout.nva.nics.map((n) => n.name),
      ...spokeLayouts.flatMap((sp) => sp.subnets.flatMap((s) => s.nics.map((n) => n.name))),
    ];
    expect(nics.map((n) => n.name).sort()).toEqual(layoutNics.sort());
    const layoutLbs = [
      hubLayout.nva.loadBalancer.name,
      ...spokeLayouts.flatMap((s) => [s.loadBalancer?.name, s.publicLoadBalancer?.name].filter(Boolean)),
    ];
    expect(loadBalancers.map((l) => l.name).sort()).toEqual(layoutLbs.sort());
  });

  it('keeps REFERENCE_LAYOUT frozen, so no caller can change the reference', () => {
    expect(Object.isFrozen(REFERENCE_LAYOUT.spokes)).toBe(true);
    expect(Object.isFrozen(REFERENCE_LAYOUT.spokes[0]!.subnets[0]!.nics[0]!.privateIPAddresses)).toBe(true);
    expect(Object.isFrozen(REFERENCE_LAYOUT.hub.routeTables[0]!.routes[0])).toBe(true);
  });

  it('is deterministic and returns a fresh copy on every call', () => {
    const again = referenceTopology();
    expect(JSON.stringify(again)).toBe(JSON.stringify(topology));
    expect(again[0]).not.toBe(topology[0]);
  });
});
