import { ON_PREMISES_PREFIX, REFERENCE_SUBSCRIPTION_ID } from '../estates/referenceLayout';

/**
 * What a network engineer would configure for the reference estate: the
 * on-premises range's IPv6 twin (documentation prefix 2001:db8::/32, RFC 3849) and
 * the ExpressRoute /126 pair, so the demo shows every kind of step rather than a
 * page of "translate this by hand"; and `publicIpv6: "mirror"`, so the web VM with a
 * public IP (vnet-spoke-nonprod-1) is reachable over IPv6 as well (the default, "none",
 * leaves VMs reachable over IPv4 only).
 */
export function referenceConfig(): Record<string, unknown> {
  return {
    publicIpv6: 'mirror',
    onPremisesPrefixMap: { [ON_PREMISES_PREFIX]: '2001:db8:c0a8::/48' },
    expressRoute: {
      circuitId: `/subscriptions/${REFERENCE_SUBSCRIPTION_ID}/resourceGroups/rg-hub/providers/Microsoft.Network/expressRouteCircuits/erc-hub`,
      primaryPeerAddressPrefix: '2001:db8:ffff::/126',
      secondaryPeerAddressPrefix: '2001:db8:ffff::4/126',
    },
  };
}
