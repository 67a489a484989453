import type { ArmResource } from '../../arm/ArmResource';
import { idKey, sameId } from '../../arm/resourceId';
import type { PlanContext } from '../PlanContext';
import { addStep, vnetStepId } from '../PlanContext';
import type { Json } from '../json';
import { nameOf, obj, objs, props, refId, str } from '../json';

function privatePeering(circuit: ArmResource): Json | undefined {
  return objs(props(circuit).peerings).find(
    (p) =>
      nameOf(p).toLowerCase() === 'azureprivatepeering' ||
      str(props(p).peeringType) === 'AzurePrivatePeering',
  );
}

function hubGateways(ctx: PlanContext): ArmResource[] {
  return ctx.index.virtualNetworkGateways.filter((g) =>
    objs(props(g).ipConfigurations).some((c) => {
      const subnet = refId(props(c).subnet);
      return subnet !== undefined && ctx.index.subnets.get(idKey(subnet))?.vnetKey === ctx.hub.key;
    }),
  );
}

function gatewayWarnings(ctx: PlanContext, gateways: ArmResource[]): void {
  const hasExpressRoute = gateways.some((g) => str(props(g).gatewayType)?.toLowerCase() === 'expressroute');
  for (const g of gateways) {
    const type = str(props(g).gatewayType)?.toLowerCase();
    const sku = str(obj(props(g).sku)?.name) ?? g.sku?.name ?? '';
    if (type === 'expressroute' && !/az$/i.test(sku))
      ctx.warnings.push({
        code: 'ExpressRouteGatewayNotZoneRedundant',
        resourceId: g.id,
        message: `ExpressRoute gateway ${g.name} (${sku || 'unknown SKU'}) is not zone-redundant: existing gateways carry IPv6 only if they are`,
        fix: 'Recreate the gateway (any SKU, Standard static public IP) after the GatewaySubnet has IPv6.',
      });
    if (type === 'vpn' && hasExpressRoute)
      ctx.warnings.push({
        code: 'VpnGatewayIpv4Only',
        resourceId: g.id,
        message: `VPN gateway ${g.name} coexists with an ExpressRoute gateway: once ExpressRoute carries IPv6, the VPN gateway carries IPv4 only`,
        fix: 'Carry cross-premises IPv6 over ExpressRoute IPv6 private peering; keep the VPN gateway as the IPv4 path.',
      });
    else if (type === 'vpn')
      ctx.warnings.push({
        code: 'VpnGatewayIpv6NotEnabled',
        resourceId: g.id,
        message: `VPN gateway ${g.name} (${sku || 'unknown SKU'}) keeps carrying IPv4 only: IPv6 inside the tunnel needs a gateway deployed dual-stack (VpnGw1AZ–VpnGw5AZ; site-to-site over IKEv2), and IPv6 routes can't use it as their next hop`,
        fix: 'Deploy a dual-stack VPN gateway after the GatewaySubnet has its /64 if on-premises must reach IPv6 over VPN.',
      });
  }
}

/** IPv6 private peering on the circuit (ipv6PeeringConfig: "Both") when the /126 pair is configured. */
export function addExpressRouteStep(ctx: PlanContext): void {
  const gateways = hubGateways(ctx);
  gatewayWarnings(ctx, gateways);
  const er = ctx.config.expressRoute;
  if (!er) {
    const circuits = ctx.index.expressRouteCircuits.filter((c) => {
      const p = privatePeering(c);
      return p !== undefined && obj(props(p).ipv6PeeringConfig) === undefined;
    });
    const erGateway = gateways.find((g) => str(props(g).gatewayType)?.toLowerCase() === 'expressroute');
    for (const target of circuits.length > 0 ? circuits.map((c) => c.id) : erGateway ? [erGateway.id] : [])
      ctx.manualActions.push({
        code: 'ExpressRouteIpv6NotConfigured',
        resourceId: target,
        message:
          'ExpressRoute private peering has no IPv6 and no /126 pair is configured, so on-premises IPv6 stays unreachable',
        fix: 'Set expressRoute { circuitId, primaryPeerAddressPrefix, secondaryPeerAddressPrefix } (two /126s you own) and plan again.',
      });
    return;
  }
  const circuit = ctx.index.expressRouteCircuits.find((c) => sameId(c.id, er.circuitId));
  const peering = circuit ? privatePeering(circuit) : undefined;
  if (!circuit || !peering) {
    ctx.blockers.push({
      code: 'ExpressRouteCircuitNotFound',
      resourceId: er.circuitId,
      message: `expressRoute.circuitId: ${er.circuitId} ${circuit ? 'has no AzurePrivatePeering' : 'is not among the observed resources'}`,
      fix: 'Fix expressRoute.circuitId, or add IPv4 private peering to the circuit first.',
    });
    return;
  }
  if (obj(props(peering).ipv6PeeringConfig)) return;
  const resource: ArmResource = {
    ...(peering as unknown as ArmResource),
    id: str(peering.id) ?? `${circuit.id}/peerings/${nameOf(peering)}`,
    name: nameOf(peering),
    type: str(peering.type) ?? 'Microsoft.Network/expressRouteCircuits/peerings',
  };
  addStep(ctx, {
    kind: 'expressRouteCircuitPeering',
    resource,
    additions: [
      {
        op: 'setIfAbsent',
        path: ['properties', 'ipv6PeeringConfig'],
        value: {
          primaryPeerAddressPrefix: er.primaryPeerAddressPrefix,
          secondaryPeerAddressPrefix: er.secondaryPeerAddressPrefix,
          state: 'Enabled',
        },
      },
    ],
    dependsOn: [vnetStepId(ctx, ctx.hub.key)],
    vnetKeys: [ctx.hub.key],
    ownerKey: ctx.hub.key,
    ipv6Prefixes: [er.primaryPeerAddressPrefix, er.secondaryPeerAddressPrefix],
    summary: `ExpressRoute ${circuit.name}: IPv6 private peering (Both) ${er.primaryPeerAddressPrefix} / ${er.secondaryPeerAddressPrefix}`,
  });
}
