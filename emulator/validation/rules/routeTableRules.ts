import { parseIp, type IpVersion } from '../../../src/arm/cidr';
import type { ArmError } from '../../../src/arm/errors/ArmError';
import {
  invalidNextHopIpAddress,
  ipv6RouteVirtualNetworkGatewayNextHopNotSupported,
  routeNextHopIpVersionMismatch,
} from '../../../src/arm/errors/routeTableErrors';
import type { WriteContext } from '../WriteContext';
import { arrayOf, childId, propertiesOf, sameText, stringOf } from './armShape';
import { isCidr, looksLikeAddress, prefixOrError } from './prefixOrError';

/** Rulebook §5: a route's next hop matches its prefix's IP version, and IPv6 can't go to a VPN gateway. */
export function validateRouteTable(ctx: WriteContext): ArmError | undefined {
  const routes = arrayOf(propertiesOf(ctx.resource).routes);
  for (let i = 0; i < routes.length; i++) {
    const props = propertiesOf(routes[i]);
    const routeId = childId(ctx.resource.id, 'routes', routes[i], i);
    const target = `properties.routes[${i}].properties`;
    const prefix = stringOf(props.addressPrefix);
    let version: IpVersion | undefined;
    // Service-tag destinations (AzureCloud, Storage.WestEurope) carry no version of their own.
    if (prefix && looksLikeAddress(prefix)) {
      const cidr = prefixOrError(prefix, routeId, `${target}.addressPrefix`);
      if (!isCidr(cidr)) return cidr;
      version = cidr.version;
    }
    const nextHop = stringOf(props.nextHopIpAddress);
    if (nextHop && sameText(stringOf(props.nextHopType), 'VirtualAppliance')) {
      const address = parseIp(nextHop);
      if (!address) return invalidNextHopIpAddress(routeId, nextHop, `${target}.nextHopIpAddress`);
      if (version && address.version !== version) {
        return routeNextHopIpVersionMismatch(
          routeId,
          version,
          nextHop,
          address.version,
          `${target}.nextHopIpAddress`,
        );
      }
    }
    if (version === 'IPv6' && sameText(stringOf(props.nextHopType), 'VirtualNetworkGateway')) {
      return ipv6RouteVirtualNetworkGatewayNextHopNotSupported(routeId, `${target}.nextHopType`);
    }
  }
  return undefined;
}
