import type { ArmResource } from '../../src/arm/ArmResource';
import { idKey } from '../../src/arm/resourceId';
import type { ResourceStore } from '../store/ResourceStore';
import type { Json } from '../store/subResources';
import { childArray, isRecord, props } from '../store/subResources';

export const VNET_TYPE = 'Microsoft.Network/virtualNetworks';

export function remoteIdOf(peering: Json): string | undefined {
  const p = peering.properties;
  if (!isRecord(p) || !isRecord(p.remoteVirtualNetwork)) return undefined;
  return typeof p.remoteVirtualNetwork.id === 'string' ? p.remoteVirtualNetwork.id : undefined;
}

export function addressSpaceOf(node: Json | ArmResource | undefined): { addressPrefixes: string[] } {
  const p = node?.properties;
  const space = isRecord(p) && isRecord(p.addressSpace) ? p.addressSpace : undefined;
  const prefixes = Array.isArray(space?.addressPrefixes)
    ? space.addressPrefixes.filter((x): x is string => typeof x === 'string')
    : [];
  return { addressPrefixes: prefixes };
}

function prefixesOf(value: unknown): string[] {
  return isRecord(value) && Array.isArray(value.addressPrefixes)
    ? value.addressPrefixes.filter((x): x is string => typeof x === 'string').map((x) => x.toLowerCase())
    : [];
}

function sameSpace(a: unknown, b: unknown): boolean {
  const x = new Set(prefixesOf(a));
  const y = prefixesOf(b);
  return x.size === new Set(y).size && y.every((p) => x.has(p));
}

/**
 * remote VNet id key -> peering, per stored VNet object. A hub holds thousands
 * of peerings and each spoke looks its reverse peering up there, so a linear
 * search would make one hub write quadratic. Stored objects only change
 * membership by being replaced, which drops the cached entry with them.
 */
const byRemote = new WeakMap<ArmResource, Map<string, Json>>();

function reversePeering(remote: ArmResource | undefined, localId: string): Json | undefined {
  if (!remote) return undefined;
  let index = byRemote.get(remote);
  if (!index) {
    index = new Map();
    for (const q of childArray(remote, 'virtualNetworkPeerings')) {
      const id = remoteIdOf(q);
      if (id) index.set(idKey(id), q);
    }
    byRemote.set(remote, index);
  }
  return index.get(idKey(localId));
}

/**
 * Peering state and sync level of every peering of `vnet`, from the address
 * spaces as they are now (rules §1): the side whose stored remote space is
 * stale is LocalNotInSync, its partner RemoteNotInSync, until the stale side
 * is synced with `syncRemoteAddressSpace=true`.
 */
export function refreshPeerings(store: ResourceStore, vnet: ArmResource): void {
  for (const peering of childArray(vnet, 'virtualNetworkPeerings')) {
    const p = props(peering);
    const remoteId = remoteIdOf(peering);
    const remote = remoteId ? store.get(remoteId) : undefined;
    const reverse = reversePeering(remote, vnet.id);
    const localStale = remote !== undefined && !sameSpace(p.remoteAddressSpace, addressSpaceOf(remote));
    const remoteStale =
      reverse !== undefined && !sameSpace(props(reverse).remoteAddressSpace, addressSpaceOf(vnet));
    p.peeringSyncLevel =
      localStale && remoteStale
        ? 'LocalAndRemoteNotInSync'
        : localStale
          ? 'LocalNotInSync'
          : remoteStale
            ? 'RemoteNotInSync'
            : 'FullyInSync';
    p.peeringState = reverse
      ? 'Connected'
      : p.peeringState === 'Connected'
        ? 'Disconnected'
        : (p.peeringState ?? 'Initiated');
  }
}

/** Refreshes `vnet`, the VNets it peers with and the VNets peering with it. */
export function refreshPeeringsAround(store: ResourceStore, vnet: ArmResource, removed = false): void {
  const seen = new Set<string>();
  const visit = (r: ArmResource | undefined): void => {
    if (!r || seen.has(idKey(r.id))) return;
    seen.add(idKey(r.id));
    refreshPeerings(store, r);
  };
  if (!removed) visit(vnet);
  for (const peering of childArray(vnet, 'virtualNetworkPeerings')) {
    const remoteId = remoteIdOf(peering);
    if (remoteId) visit(store.get(remoteId));
  }
  for (const r of store.referencing(vnet.id)) if (r.type.toLowerCase() === VNET_TYPE.toLowerCase()) visit(r);
}
