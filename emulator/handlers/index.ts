import type { HandlerModule } from '../http/router';
import { azureFirewallsHandler } from './azureFirewalls';
import { bastionHostsHandler } from './bastionHosts';
import { expressRouteCircuitsHandler } from './expressRouteCircuits';
import { ipamPoolsHandler } from './ipamPools';
import { loadBalancersHandler } from './loadBalancers';
import { natGatewaysHandler } from './natGateways';
import { networkInterfacesHandler } from './networkInterfaces';
import { networkManagersHandler } from './networkManagers';
import { networkSecurityGroupsHandler } from './networkSecurityGroups';
import { operationsHandler } from './operations';
import { privateDnsZonesHandler } from './privateDnsZones';
import { publicIPAddressesHandler } from './publicIPAddresses';
import { resourceGroupsHandler } from './resourceGroups';
import { routeTablesHandler } from './routeTables';
import { virtualNetworkGatewaysHandler } from './virtualNetworkGateways';
import { virtualNetworksHandler } from './virtualNetworks';

/** Every built-in handler module; add new endpoints here (or with registerHandlerModule). */
export const handlerModules: readonly HandlerModule[] = [
  resourceGroupsHandler,
  operationsHandler,
  virtualNetworksHandler,
  networkInterfacesHandler,
  loadBalancersHandler,
  routeTablesHandler,
  networkSecurityGroupsHandler,
  publicIPAddressesHandler,
  natGatewaysHandler,
  azureFirewallsHandler,
  virtualNetworkGatewaysHandler,
  bastionHostsHandler,
  expressRouteCircuitsHandler,
  privateDnsZonesHandler,
  networkManagersHandler,
  ipamPoolsHandler,
];
