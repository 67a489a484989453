import type { ArmResource } from '../../../../src/arm/ArmResource';
import type { Plan } from '../../../../src/planner/Plan';
import { planDualStack } from '../../../../src/planner/planDualStack';
import { IPV6_REFUSING_DELEGATIONS } from '../../../../src/planner/steps/delegationSupport';
import { codes, mustStep, stepFor } from '../fixtures/planHelpers';
import { byName, id, smallConfig, smallEstate, subnetId } from '../fixtures/smallTopology';

type Subnet = { name: string; properties: Record<string, unknown> };

function subnetsOf(estate: ArmResource[], vnet: string): Subnet[] {
  return (byName(estate, vnet).properties as { subnets: Subnet[] }).subnets;
}

/** spoke1's snet-a with extra subnet properties. */
function withSnetA(
  extra: Record<string, unknown>,
  more: ArmResource[] = [],
): { estate: ArmResource[]; plan: Plan } {
  const estate = smallEstate({ spokes: 1 });
  const subnet = subnetsOf(estate, 'spoke1')[0];
  if (!subnet) throw new Error('fixture has no snet-a');
  Object.assign(subnet.properties, extra);
  estate.push(...more);
  return { estate, plan: planDualStack(estate, smallConfig()) };
}

const SNET_A = subnetId(id('rg-spoke1', 'virtualNetworks', 'spoke1'), 'snet-a');

function snetAPrefixes(plan: Plan): string[] {
  const subnets = mustStep(plan, 'virtualNetwork', id('rg-spoke1', 'virtualNetworks', 'spoke1')).desired
    .properties?.subnets as Subnet[];
  const a = subnets.find((s) => s.name === 'snet-a');
  return (a?.properties.addressPrefixes as string[] | undefined) ?? [a?.properties.addressPrefix as string];
}

const delegation = (serviceName: string) => ({
  delegations: [{ name: 'd', properties: { serviceName } }],
});

describe('subnets Azure treats differently', () => {
  it('gives a subnet delegated to App Service its /64 and warns that the apps stay IPv4', () => {
    const { plan } = withSnetA(delegation('Microsoft.Web/serverFarms'));
    expect(plan.blockers).toEqual([]);
    const warning = plan.warnings.find((w) => w.code === 'DelegatedSubnetIpv4Service');
    expect(warning?.resourceId).toBe(SNET_A);
    expect(warning?.message).toContain('subnet snet-a is delegated to Microsoft.Web/serverFarms');
    expect(snetAPrefixes(plan)).toEqual(['10.1.0.0/24', 'fd00:1:0:3200::/64']);
  });

  it('blocks the VNet for a delegation that refuses IPv6, naming the subnet and the service', () => {
    const { plan, estate } = withSnetA(delegation('Microsoft.Network/dnsResolvers'));
    expect(codes(plan.blockers)).toEqual(['DelegationForbidsIpv6']);
    expect(plan.blockers[0]?.message).toBe(
      "subnet snet-a is delegated to Microsoft.Network/dnsResolvers, which doesn't support IPv6 in its subnet",
    );
    expect(stepFor(plan, 'virtualNetwork', byName(estate, 'spoke1'))).toBeUndefined();
    // Services whose docs rule out IPv6 in their injected subnet are among them.
    expect(IPV6_REFUSING_DELEGATIONS).toEqual(
      expect.arrayContaining([
        'Microsoft.Netapp/volumes',
        'Microsoft.Sql/managedInstances',
        'Microsoft.Network/dnsResolvers',
      ]),
    );
  });

  it.each(IPV6_REFUSING_DELEGATIONS.filter((service) => service !== 'Microsoft.Network/dnsResolvers'))(
    'names %s among the delegations that refuse IPv6 (blocker)',
    (service) => {
      const { plan } = withSnetA(delegation(service));
      expect(plan.blockers.map((b) => [b.code, b.resourceId, b.message])).toEqual([
        [
          'DelegationForbidsIpv6',
          SNET_A,
          `subnet snet-a is delegated to ${service}, which doesn't support IPv6 in its subnet`,
        ],
      ]);
    },
  );

  it('gives a subnet delegated to AKS its /64 and warns that the existing cluster stays IPv4', () => {
    const { plan } = withSnetA(delegation('Microsoft.ContainerService/managedClusters'));
    expect(plan.blockers).toEqual([]);
    const warning = plan.warnings.find((w) => w.code === 'DelegatedSubnetIpv4Service');
    expect(warning?.resourceId).toBe(SNET_A);
    expect(warning?.message).toContain(
      'subnet snet-a is delegated to Microsoft.ContainerService/managedClusters: the subnet gets its /64, but an existing AKS cluster does not become dual-stack',
    );
    expect(snetAPrefixes(plan)).toEqual(['10.1.0.0/24', 'fd00:1:0:3200::/64']);
  });

  it('leaves a subnet delegated to an unknown service IPv4 with a manual action, the rest of the VNet dual-stack', () => {
    const { plan, estate } = withSnetA(delegation('Contoso.Widgets/things'));
    expect(plan.blockers).toEqual([]);
    const action = plan.manualActions.find((a) => a.code === 'DelegationIpv6Unknown');
    expect(action?.resourceId).toBe(SNET_A);
    expect(action?.message).toContain('subnet snet-a is delegated to Contoso.Widgets/things');
    expect(snetAPrefixes(plan)).toEqual(['10.1.0.0/24']);
    const vnet = plan.vnets.find((v) => v.vnetId === byName(estate, 'spoke1').id);
    expect(vnet?.subnets.map((s) => [s.name, s.ipv6Prefix])).toEqual([
      ['snet-a', undefined],
      ['snet-b', 'fd00:1:0:3201::/64'],
    ]);
    // its NIC has no /64 to join
    expect(stepFor(plan, 'networkInterface', byName(estate, 'nic-spoke1-a'))).toBeUndefined();
    expect(stepFor(plan, 'networkInterface', byName(estate, 'nic-spoke1-b'))).toBeDefined();
  });

  it('warns that IPv6 egress goes via the NVA route for a Standard NAT gateway, not for a StandardV2 one with IPv6', () => {
    const natId = id('rg-spoke1', 'natGateways', 'nat-1');
    const nat = (sku: string, properties: Record<string, unknown> = {}): ArmResource => ({
      id: natId,
      name: 'nat-1',
      type: 'Microsoft.Network/natGateways',
      location: 'westeurope',
      sku: { name: sku },
      properties,
    });
    const standard = withSnetA({ natGateway: { id: natId } }, [nat('Standard')]).plan;
    const warning = standard.warnings.find((w) => w.code === 'NatGatewayNoIpv6Egress');
    expect(warning?.resourceId).toBe(SNET_A);
    expect(warning?.message).toContain('subnet snet-a uses NAT gateway nat-1 (Standard)');
    expect(warning?.message).toContain('goes via the ::/0 route to the IPv6 NVA pool (fd00:1:0:4::4)');
    const unseen = withSnetA({ natGateway: { id: natId } }).plan;
    expect(unseen.warnings.find((w) => w.code === 'NatGatewayNoIpv6Egress')?.message).toContain(
      '(SKU not observed)',
    );
    const v2 = withSnetA({ natGateway: { id: natId } }, [
      nat('StandardV2', {
        publicIpAddressesV6: [{ id: id('rg-spoke1', 'publicIPAddresses', 'pip-nat-v6') }],
      }),
    ]).plan;
    expect(codes(v2.warnings)).not.toContain('NatGatewayNoIpv6Egress');
    const v2Ipv4Only = withSnetA({ natGateway: { id: natId } }, [nat('StandardV2')]).plan;
    expect(v2Ipv4Only.warnings.find((w) => w.code === 'NatGatewayNoIpv6Egress')?.message).toContain(
      'nat-1 (StandardV2): a StandardV2 NAT gateway with no IPv6 public IP or prefix',
    );
  });

  it('warns that private endpoints keep IPv4 only, and their subnet still gets its /64', () => {
    const { plan } = withSnetA({
      privateEndpoints: [{ id: id('rg-spoke1', 'privateEndpoints', 'pe-1') }, { id: 'pe-2' }],
    });
    const pe = plan.warnings.find((w) => w.code === 'PrivateEndpointsStayIpv4');
    expect(pe?.resourceId).toBe(SNET_A);
    expect(pe?.message).toContain(
      'subnet snet-a holds 2 private endpoints: they keep their IPv4 address only',
    );
    expect(pe?.fix).toContain('Keep IPv4 name resolution');
    expect(codes(plan.warnings)).not.toContain('ApplicationGatewaySubnet');
    expect(snetAPrefixes(plan)).toEqual(['10.1.0.0/24', 'fd00:1:0:3200::/64']);
  });

  it('warns that an Application Gateway subnet gets its /64 but the gateway needs a new v2 for IPv6', () => {
    const { plan } = withSnetA({ applicationGatewayIPConfigurations: [{ id: 'agw-ipconfig' }] });
    const agw = plan.warnings.find((w) => w.code === 'ApplicationGatewaySubnet');
    expect(agw?.resourceId).toBe(SNET_A);
    expect(agw?.message).toContain('subnet snet-a holds an Application Gateway');
    expect(agw?.fix).toContain('new Application Gateway v2 with an IPv6 frontend');
    expect(codes(plan.warnings)).not.toContain('PrivateEndpointsStayIpv4');
    expect(snetAPrefixes(plan)).toEqual(['10.1.0.0/24', 'fd00:1:0:3200::/64']);
  });

  it('blocks a VNet with a RouteServerSubnet, naming Route Server and the static-UDR fix', () => {
    const estate = smallEstate({ spokes: 2 });
    subnetsOf(estate, 'spoke1').push({
      name: 'RouteServerSubnet',
      properties: { addressPrefix: '10.1.9.0/27' },
    });
    const plan = planDualStack(estate, smallConfig());
    expect(codes(plan.blockers)).toEqual(['RouteServerPresent']);
    expect(plan.blockers[0]?.resourceId).toBe(
      subnetId(id('rg-spoke1', 'virtualNetworks', 'spoke1'), 'RouteServerSubnet'),
    );
    expect(plan.blockers[0]?.message).toContain("Azure Route Server doesn't support IPv6");
    expect(plan.blockers[0]?.fix).toContain('static IPv6 UDRs');
    expect(stepFor(plan, 'virtualNetwork', byName(estate, 'spoke1'))).toBeUndefined();
    expect(stepFor(plan, 'virtualNetwork', byName(estate, 'spoke2'))).toBeDefined();
  });

  it('blocks a spoke connected to a Virtual WAN hub', () => {
    const estate = smallEstate({ spokes: 2 });
    const spoke2 = byName(estate, 'spoke2').properties as { virtualNetworkPeerings: unknown[] };
    spoke2.virtualNetworkPeerings.push({
      name: 'RemoteVnetToHubPeering_1234',
      properties: {
        remoteVirtualNetwork: {
          id: `/subscriptions/22222222-2222-4222-8222-222222222222/resourceGroups/RG_vhub-weu_5678/providers/Microsoft.Network/virtualNetworks/HV_vhub-weu_5678`,
        },
      },
    });
    const plan = planDualStack(estate, smallConfig());
    expect(codes(plan.blockers)).toEqual(['VirtualWanHubConnected']);
    expect(plan.blockers[0]?.resourceId).toBe(byName(estate, 'spoke2').id);
    expect(plan.blockers[0]?.message).toContain('peering RemoteVnetToHubPeering_1234');
    expect(stepFor(plan, 'virtualNetwork', byName(estate, 'spoke2'))).toBeUndefined();
    expect(stepFor(plan, 'virtualNetwork', byName(estate, 'spoke1'))).toBeDefined();
  });

  it('warns that a VPN gateway beside an ExpressRoute gateway carries IPv4 only', () => {
    const estate = smallEstate({ spokes: 1 });
    const gateway = (name: string, gatewayType: string, sku: string): ArmResource => ({
      id: id('rg-hub', 'virtualNetworkGateways', name),
      name,
      type: 'Microsoft.Network/virtualNetworkGateways',
      location: 'westeurope',
      properties: {
        gatewayType,
        sku: { name: sku },
        ipConfigurations: [
          { name: 'c', properties: { subnet: { id: subnetId(byName(estate, 'hub').id, 'GatewaySubnet') } } },
        ],
      },
    });
    estate.push(gateway('vpngw', 'Vpn', 'VpnGw2AZ'), gateway('ergw', 'ExpressRoute', 'ErGw1AZ'));
    const plan = planDualStack(estate, smallConfig());
    const warning = plan.warnings.find((w) => w.code === 'VpnGatewayIpv4Only');
    expect(warning?.resourceId).toBe(id('rg-hub', 'virtualNetworkGateways', 'vpngw'));
    expect(warning?.message).toContain('VPN gateway vpngw coexists with an ExpressRoute gateway');
    expect(warning?.fix).toContain('ExpressRoute IPv6 private peering');
    expect(codes(plan.warnings)).not.toContain('VpnGatewayIpv6NotEnabled');
  });

  it('warns that a lone VPN gateway keeps IPv4 only', () => {
    const estate = smallEstate({ spokes: 1 });
    estate.push({
      id: id('rg-hub', 'virtualNetworkGateways', 'vpngw'),
      name: 'vpngw',
      type: 'Microsoft.Network/virtualNetworkGateways',
      location: 'westeurope',
      properties: {
        gatewayType: 'Vpn',
        sku: { name: 'VpnGw2' },
        ipConfigurations: [
          { name: 'c', properties: { subnet: { id: subnetId(byName(estate, 'hub').id, 'GatewaySubnet') } } },
        ],
      },
    });
    const plan = planDualStack(estate, smallConfig());
    const warning = plan.warnings.find((w) => w.code === 'VpnGatewayIpv6NotEnabled');
    expect(warning?.message).toContain('VPN gateway vpngw (VpnGw2) keeps carrying IPv4 only');
    expect(codes(plan.warnings)).not.toContain('VpnGatewayIpv4Only');
  });
});
