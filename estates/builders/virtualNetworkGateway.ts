import type { ArmResource } from '../../src/arm/ArmResource';
import type { BuildContext } from './BuildContext';
import { armResource, childResource, identity, ref } from './armEnvelope';

export interface VirtualNetworkGatewaySpec {
  name: string;
  gatewayType: 'ExpressRoute' | 'Vpn';
  sku: string;
  subnetId: string;
  publicIpId: string;
  /** BGP ASN of a VPN gateway. */
  asn?: number;
}

export function virtualNetworkGateway(
  ctx: BuildContext,
  resourceGroup: string,
  spec: VirtualNetworkGatewaySpec,
): ArmResource {
  const who = identity(ctx, resourceGroup, 'virtualNetworkGateways', spec.name);
  const vpn = spec.gatewayType === 'Vpn';
  return armResource(ctx, who, {
    gatewayType: spec.gatewayType,
    ...(vpn ? { vpnType: 'RouteBased', vpnGatewayGeneration: 'Generation2' } : {}),
    sku: { name: spec.sku, tier: spec.sku },
    activeActive: false,
    enableBgp: vpn,
    ipConfigurations: [
      childResource(who, 'ipConfigurations', 'default', {
        privateIPAllocationMethod: 'Dynamic',
        subnet: ref(spec.subnetId),
        publicIPAddress: ref(spec.publicIpId),
      }),
    ],
    ...(vpn && spec.asn !== undefined ? { bgpSettings: { asn: spec.asn, peerWeight: 0 } } : {}),
  });
}
