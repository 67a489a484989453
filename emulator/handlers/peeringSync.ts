import type { ArmResource } from '../../src/arm/ArmResource';
import { idKey } from '../../src/arm/resourceId';
import type { ResourceStore } from '../store/ResourceStore';
import type { Json } from '../store/subResources';
import { byName, childArray, isRecord, props } from '../store/subResources';

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
 * Peering state and sync level of one peering of `vnet`, from the address
 * spaces as they are now (rules §1): the side whose stored remote space is
 * stale is LocalNotInSync, its partner RemoteNotInSync, until the stale side
 * is synced with `syncRemoteAddressSpace=true`.
 */
function refreshOne(store: ResourceStore, vnet: ArmResource, peering: Json): void {
  const p = props(peering);
  const remoteId = remoteIdOf(peering);
  const remote = remoteId ? store.get(remoteId) : undefined;
  const reverse = reversePeering(remote, vnet.id);
  const localStale = remote !== undefined && !sameSpace(p.remoteAddressSpace, addressSpaceOf(remote));
  // With no peering back yet (Initiated) Azure reports the remote side not in sync
  // (azure-cli recording test_network_vnet_peering_sync).
  const remoteStale =
    reverse === undefined || !sameSpace(props(reverse).remoteAddressSpace, addressSpaceOf(vnet));
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

export function refreshPeerings(store: ResourceStore, vnet: ArmResource): void {
  for (const peering of childArray(vnet, 'virtualNetworkPeerings')) refreshOne(store, vnet, peering);
}

/** The peering the remote end of `peering` holds back to `vnet`, refreshed. */
function refreshReverse(store: ResourceStore, vnet: ArmResource, remoteId: string | undefined): void {
  const remote = remoteId ? store.get(remoteId) : undefined;
  const reverse = reversePeering(remote, vnet.id);
  if (remote && reverse) refreshOne(store, remote, reverse);
}

/**
 * After a write to `vnet`: an address-space change touches every peering on
 * both sides; otherwise only the peerings that were added, removed, re-targeted
 * or synced (and their partners) can have changed, which keeps a peering write
 * on a hub with thousands of spokes O(its peerings) instead of O(spokes × peerings).
 */
export function refreshAfterWrite(
  store: ResourceStore,
  vnet: ArmResource,
  existing: ArmResource | undefined,
): void {
  if (!existing || !sameSpace(addressSpaceOf(existing), addressSpaceOf(vnet))) {
    refreshPeeringsAround(store, vnet);
    return;
  }
  const before = byName(childArray(existing, 'virtualNetworkPeerings'));
  const seen = new Set<string>();
  for (const peering of childArray(vnet, 'virtualNetworkPeerings')) {
    const name = String(peering.name).toLowerCase();
    seen.add(name);
    const old = before.get(name);
    if (old === peering) continue;
    const remoteId = remoteIdOf(peering);
    const oldRemoteId = old ? remoteIdOf(old) : undefined;
    const retargeted = old !== undefined && idKey(oldRemoteId ?? '') !== idKey(remoteId ?? '');
    if (old && !retargeted && sameSpace(props(old).remoteAddressSpace, props(peering).remoteAddressSpace))
      continue;
    refreshOne(store, vnet, peering);
    refreshReverse(store, vnet, remoteId);
    if (retargeted) refreshReverse(store, vnet, oldRemoteId);
  }
  for (const [name, old] of before) if (!seen.has(name)) refreshReverse(store, vnet, remoteIdOf(old));
}

/**
 * Refreshes `vnet`'s peerings and every peering that points at it (found
 * through the store's reverse index, so a hub is not rescanned for each spoke).
 */
export function refreshPeeringsAround(store: ResourceStore, vnet: ArmResource, removed = false): void {
  if (!removed) refreshPeerings(store, vnet);
  for (const r of store.referencing(vnet.id)) {
    if (r.type.toLowerCase() !== VNET_TYPE.toLowerCase()) continue;
    const toVnet = reversePeering(r, vnet.id);
    if (toVnet) refreshOne(store, r, toVnet);
  }
}
