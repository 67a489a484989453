import { REFERENCE_LAYOUT, referenceTopology } from '../../estates/referenceTopology';
import { topologyInventory } from '../../estates/topologyInventory';

const N = 'Microsoft.Network';

/** Every resource REFERENCE_LAYOUT names, as `type|resourceGroup|name`, built from the layout alone. */
function layoutResources(): string[] {
  const { hub, spokes } = REFERENCE_LAYOUT;
  const at = (rg: string) => (type: string, name: string) => `${N}/${type}|${rg}|${name}`;
  const h = at(hub.resourceGroup);
  const hubSubnets = Object.values(hub.subnets);
  const out = [
    h('virtualNetworks', hub.vnet),
    ...hubSubnets.map((s) => h('virtualNetworks/subnets', `${hub.vnet}/${s.name}`)),
    ...hubSubnets.flatMap((s) =>
      s.networkSecurityGroup ? [h('networkSecurityGroups', s.networkSecurityGroup)] : [],
    ),
    ...hub.routeTables.map((t) => h('routeTables', t.name)),
    h('azureFirewalls', hub.firewall.name),
    h('bastionHosts', hub.bastion.name),
    h('virtualNetworkGateways', hub.expressRouteGateway.name),
    h('virtualNetworkGateways', hub.vpnGateway.name),
    h('expressRouteCircuits', hub.expressRouteCircuit.name),
    ...[hub.firewall, hub.bastion, hub.expressRouteGateway, hub.vpnGateway].map((x) =>
      h('publicIPAddresses', x.publicIp.name),
    ),
    h('loadBalancers', hub.nva.loadBalancer.name),
    ...hub.nva.nics.map((n) => h('networkInterfaces', n.name)),
  ];
  for (const spoke of spokes) {
    const s = at(spoke.resourceGroup);
    out.push(s('virtualNetworks', spoke.vnet));
    for (const subnet of spoke.subnets) {
      out.push(
        s('virtualNetworks/subnets', `${spoke.vnet}/${subnet.name}`),
        s('networkSecurityGroups', subnet.networkSecurityGroup),
      );
      out.push(...subnet.nics.map((n) => s('networkInterfaces', n.name)));
      out.push(...subnet.nics.flatMap((n) => (n.publicIp ? [s('publicIPAddresses', n.publicIp.name)] : [])));
    }
    out.push(...spoke.routeTables.map((t) => s('routeTables', t.name)));
    if (spoke.loadBalancer) out.push(s('loadBalancers', spoke.loadBalancer.name));
    const web = spoke.publicLoadBalancer;
    if (web) out.push(s('loadBalancers', web.name), s('publicIPAddresses', web.publicIp.name));
  }
  for (const zone of REFERENCE_LAYOUT.privateDnsZones ?? []) {
    const z = at(zone.resourceGroup);
    out.push(
      z('privateDnsZones', zone.zoneName),
      ...zone.links.map((l) => z('privateDnsZones/virtualNetworkLinks', `${zone.zoneName}/${l.name}`)),
      ...zone.aRecords.map((r) => z('privateDnsZones/A', `${zone.zoneName}/${r.name}`)),
    );
  }
  for (const nm of REFERENCE_LAYOUT.networkManagers ?? []) {
    const m = at(nm.resourceGroup);
    const t = (child: string): string => `networkManagers${child}`;
    out.push(
      m(t(''), nm.name),
      m(t('/networkGroups'), `${nm.name}/${nm.networkGroup}`),
      ...nm.spokes.map((v) => m(t('/networkGroups/staticMembers'), `${nm.name}/${nm.networkGroup}/sm-${v}`)),
      m(t('/connectivityConfigurations'), `${nm.name}/${nm.connectivityConfiguration}`),
      // What listDeploymentStatus answers for the committed region, as discovery hands it to the planner.
      m(t('/deploymentStatus'), `${nm.name}/Connectivity-${REFERENCE_LAYOUT.location}`),
    );
  }
  return out.sort();
}

describe('topologyInventory', () => {
  const inventory = topologyInventory(referenceTopology());

  it('lists exactly the resources and subnets REFERENCE_LAYOUT names', () => {
    const listed = inventory
      .filter((e) => !/\/(ipConfigurations|frontendIPConfigurations)$/.test(e.type))
      .map((e) => `${e.type}|${e.resourceGroup}|${e.name}`)
      .sort();
    expect(listed).toEqual(layoutResources());
  });

  it('carries the prefixes and private addresses of the layout', () => {
    const addresses = (type: string, name: string): string[] | undefined =>
      inventory.find((e) => e.type === `${N}/${type}` && e.name === name)?.addresses;
    const { hub, spokes } = REFERENCE_LAYOUT;
    expect(addresses('virtualNetworks', hub.vnet)).toEqual([hub.addressPrefix]);
    for (const s of Object.values(hub.subnets))
      expect(addresses('virtualNetworks/subnets', `${hub.vnet}/${s.name}`)).toEqual([s.addressPrefix]);
    expect(
      addresses('loadBalancers/frontendIPConfigurations', `${hub.nva.loadBalancer.name}/frontend-ipv4`),
    ).toEqual([hub.nva.loadBalancer.frontendIPAddress]);
    expect(addresses('publicIPAddresses', hub.firewall.publicIp.name)).toEqual([
      hub.firewall.publicIp.ipAddress,
    ]);
    for (const spoke of spokes) {
      expect(addresses('virtualNetworks', spoke.vnet)).toEqual([spoke.addressPrefix]);
      for (const subnet of spoke.subnets) {
        expect(addresses('virtualNetworks/subnets', `${spoke.vnet}/${subnet.name}`)).toEqual([
          subnet.addressPrefix,
        ]);
        for (const nic of subnet.nics)
          expect(addresses('networkInterfaces/ipConfigurations', `${nic.name}/ipconfig1`)).toEqual(
            nic.privateIPAddresses.slice(0, 1),
          );
      }
    }
  });

  it('is sorted, so two inventories compare line by line', () => {
    const keys = inventory.map((e) => `${e.type}|${e.resourceGroup}|${e.name}`.toLowerCase());
    expect(keys).toEqual([...keys].sort());
  });
});
