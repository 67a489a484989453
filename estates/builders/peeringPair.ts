import type { ChildResource } from './armEnvelope';
import { childResource, ref } from './armEnvelope';
import type { VnetHandle } from './vnet';

function peering(local: VnetHandle, remote: VnetHandle, name: string, hubSide: boolean): ChildResource {
  const remoteSpace = { addressPrefixes: [...remote.addressPrefixes] };
  return childResource(local.identity, 'virtualNetworkPeerings', name, {
    peeringState: 'Connected',
    peeringSyncLevel: 'FullyInSync',
    remoteVirtualNetwork: ref(remote.identity.id),
    allowVirtualNetworkAccess: true,
    allowForwardedTraffic: true,
    // The hub shares its ExpressRoute/VPN gateways; spokes use them (the guide's "use remote gateway").
    allowGatewayTransit: hubSide,
    useRemoteGateways: !hubSide,
    doNotVerifyRemoteGateways: false,
    remoteAddressSpace: remoteSpace,
    remoteVirtualNetworkAddressSpace: { addressPrefixes: [...remote.addressPrefixes] },
  });
}

/** Peers a hub and a spoke in both directions, as a connected, fully synced pair. */
export function peeringPair(
  hub: VnetHandle,
  spoke: VnetHandle,
  names: { fromHub: string; toHub: string },
): void {
  hub.peerings.push(peering(hub, spoke, names.fromHub, true));
  spoke.peerings.push(peering(spoke, hub, names.toHub, false));
}
