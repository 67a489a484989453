import type { ResourceTypeSpec } from './ResourceTypeSpec';
import { azureFirewallSpec } from './azureFirewalls';
import { bastionHostSpec } from './bastionHosts';
import { expressRouteCircuitSpec } from './expressRouteCircuits';
import { loadBalancerSpec } from './loadBalancers';
import { natGatewaySpec } from './natGateways';
import { networkInterfaceSpec } from './networkInterfaces';
import { networkManagerSpec } from './networkManagers';
import { networkSecurityGroupSpec } from './networkSecurityGroups';
import { privateDnsZoneSpec } from './privateDnsZones';
import { publicIPAddressSpec } from './publicIPAddresses';
import { routeTableSpec } from './routeTables';
import { virtualNetworkGatewaySpec } from './virtualNetworkGateways';
import { virtualNetworkSpec } from './virtualNetworks';

const specs: readonly ResourceTypeSpec[] = [
  virtualNetworkSpec,
  networkInterfaceSpec,
  loadBalancerSpec,
  routeTableSpec,
  networkSecurityGroupSpec,
  publicIPAddressSpec,
  natGatewaySpec,
  azureFirewallSpec,
  virtualNetworkGatewaySpec,
  bastionHostSpec,
  expressRouteCircuitSpec,
  privateDnsZoneSpec,
  networkManagerSpec,
];

const byType = new Map(specs.map((s) => [s.type.toLowerCase(), s]));

/** The spec of a top-level type (case-insensitive), for loading and dumping. */
export function specFor(type: string): ResourceTypeSpec | undefined {
  return byType.get(type.toLowerCase());
}
