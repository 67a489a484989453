import type { ArmResource } from '../../src/arm/ArmResource';
import type { HubLayout, HubSubnetLayout } from '../TopologyLayout';
import { bastionSubnetRules, nvaSubnetRules } from '../securityRuleSets';
import type { BuildContext } from './BuildContext';
import { networkResourceId } from './armEnvelope';
import { azureFirewall } from './azureFirewall';
import { bastionHost } from './bastionHost';
import { expressRouteCircuit } from './expressRouteCircuit';
import { internalLoadBalancer } from './internalLoadBalancer';
import type { SecurityRuleSpec } from './networkSecurityGroup';
import { networkSecurityGroup } from './networkSecurityGroup';
import { nic, virtualMachineId } from './nic';
import { publicIp } from './publicIp';
import { routeTable } from './routeTable';
import { virtualNetworkGateway } from './virtualNetworkGateway';
import type { VnetHandle } from './vnet';
import { subnetIdOf, vnet } from './vnet';

/**
 * The hub of Microsoft's guide in its IPv4-only state: firewall, ExpressRoute and
 * VPN gateways with a circuit, Bastion, and an NVA pool behind an HA-ports ILB.
 * Resources are appended to `out`; the VNet handle is returned for peering.
 */
export function hubResources(
  ctx: BuildContext,
  hub: HubLayout,
  onPremisesPrefix: string,
  out: ArmResource[],
): VnetHandle {
  const rg = hub.resourceGroup;
  const id = (type: string, name: string): string => networkResourceId(ctx, rg, type, name);
  const { bastion, firewall, gateway, nva } = hub.subnets;

  const nsgRules = new Map<HubSubnetLayout, SecurityRuleSpec[]>([
    [bastion, bastionSubnetRules()],
    [nva, nvaSubnetRules(onPremisesPrefix)],
  ]);
  for (const [subnet, rules] of nsgRules) {
    if (subnet.networkSecurityGroup)
      out.push(networkSecurityGroup(ctx, rg, subnet.networkSecurityGroup, rules, { defaultRules: true }));
  }
  for (const table of hub.routeTables) out.push(routeTable(ctx, table.resourceGroup ?? rg, table));

  const handle = vnet(
    ctx,
    rg,
    hub.vnet,
    [hub.addressPrefix],
    [bastion, firewall, gateway, nva].map((s) => ({
      name: s.name,
      addressPrefix: s.addressPrefix,
      ...(s.networkSecurityGroup
        ? { networkSecurityGroupId: id('networkSecurityGroups', s.networkSecurityGroup) }
        : {}),
      ...(s.routeTable ? { routeTableId: id('routeTables', s.routeTable) } : {}),
    })),
  );
  out.push(handle.resource);

  const pips = [
    hub.firewall.publicIp,
    hub.bastion.publicIp,
    hub.expressRouteGateway.publicIp,
    hub.vpnGateway.publicIp,
  ];
  for (const pip of pips) out.push(publicIp(ctx, rg, pip));
  const pipId = (name: string): string => id('publicIPAddresses', name);

  out.push(
    azureFirewall(ctx, rg, {
      name: hub.firewall.name,
      subnetId: subnetIdOf(handle, firewall.name),
      publicIpId: pipId(hub.firewall.publicIp.name),
      privateIPAddress: hub.firewall.privateIPAddress,
    }),
    bastionHost(ctx, rg, {
      name: hub.bastion.name,
      subnetId: subnetIdOf(handle, bastion.name),
      publicIpId: pipId(hub.bastion.publicIp.name),
    }),
    virtualNetworkGateway(ctx, rg, {
      name: hub.expressRouteGateway.name,
      gatewayType: 'ExpressRoute',
      sku: hub.expressRouteGateway.sku,
      subnetId: subnetIdOf(handle, gateway.name),
      publicIpId: pipId(hub.expressRouteGateway.publicIp.name),
    }),
    virtualNetworkGateway(ctx, rg, {
      name: hub.vpnGateway.name,
      gatewayType: 'Vpn',
      sku: hub.vpnGateway.sku,
      subnetId: subnetIdOf(handle, gateway.name),
      publicIpId: pipId(hub.vpnGateway.publicIp.name),
      asn: hub.vpnGateway.asn,
    }),
    expressRouteCircuit(ctx, rg, hub.expressRouteCircuit),
  );

  const nvaSubnetId = subnetIdOf(handle, nva.name);
  const lb = internalLoadBalancer(ctx, rg, {
    name: hub.nva.loadBalancer.name,
    subnetId: nvaSubnetId,
    frontendIPAddress: hub.nva.loadBalancer.frontendIPAddress,
    poolName: 'pool-nva-ipv4',
    probe: { name: 'probe-nva', protocol: 'Tcp', port: 22 },
    // HA ports: every protocol on every port goes to the pool, as the guide requires.
    rules: [{ name: 'rule-ha-ports', protocol: 'All', frontendPort: 0, backendPort: 0 }],
  });
  out.push(lb.resource);
  for (const appliance of hub.nva.nics) {
    out.push(
      nic(ctx, rg, {
        name: appliance.name,
        subnetId: nvaSubnetId,
        privateIPAddresses: appliance.privateIPAddresses,
        backendPoolIds: [lb.backendPoolId],
        enableIPForwarding: true,
        primaryAllocation: 'Static',
        virtualMachineId: virtualMachineId(ctx.subscriptionId, rg, appliance.virtualMachine),
      }),
    );
  }
  return handle;
}
