import type { IpVersion } from '../cidr';
import { ArmError } from './ArmError';

// Rulebook §5. No public trace of Azure's codes for these was found; the codes are ours.

export function routeNextHopIpVersionMismatch(
  routeId: string,
  prefixVersion: IpVersion,
  nextHop: string,
  nextHopVersion: IpVersion,
  target: string,
): ArmError {
  return new ArmError(400, {
    code: 'RouteNextHopIpAddressVersionMismatch',
    message: `Route ${routeId} has an ${prefixVersion} address prefix but next hop IP address ${nextHop} is ${nextHopVersion}. The next hop must have the same IP version as the prefix.`,
    target,
  });
}

export function ipv6RouteVirtualNetworkGatewayNextHopNotSupported(routeId: string, target: string): ArmError {
  return new ArmError(400, {
    code: 'IPv6RouteWithVirtualNetworkGatewayNextHopNotSupported',
    message: `Route ${routeId} sends an IPv6 prefix to next hop type VirtualNetworkGateway, which is not supported for IPv6. Use VirtualAppliance with an IPv6 next hop address.`,
    target,
  });
}

export function invalidNextHopIpAddress(routeId: string, nextHop: string, target: string): ArmError {
  return new ArmError(400, {
    code: 'InvalidNextHopIpAddress',
    message: `Next hop IP address ${nextHop} of route ${routeId} is not a valid IPv4 or IPv6 address.`,
    target,
  });
}
