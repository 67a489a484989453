import type { ArmResource } from '../../src/arm/ArmResource';
import { idKey, parentResourceId } from '../../src/arm/resourceId';
import type { Emulator } from '../Emulator';
import { childArray, isRecord } from '../store/subResources';
import { newEtag } from './commitState';

const SUBNET = /\/virtualNetworks\/[^/]+\/subnets\/[^/]+$/i;

function subnetsOf(value: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(value)) for (const v of value) subnetsOf(v, into);
  else if (isRecord(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'subnet' && isRecord(v) && typeof v.id === 'string' && SUBNET.test(v.id))
        into.add(idKey(v.id));
      else subnetsOf(v, into);
    }
  }
  return into;
}

/**
 * A subnet's ipConfigurations list is part of its VNet: when a resource starts or stops using a
 * subnet, Network RP rewrites that VNet and its etag changes (azure-cli recording
 * test_network_vnet_peering_sync: a gateway joining GatewaySubnet). The VNet itself is not
 * otherwise touched; the back-references are computed when it is read.
 */
export function touchJoinedSubnets(
  emulator: Emulator,
  before: ArmResource | undefined,
  after: ArmResource | undefined,
): void {
  if ((before ?? after)?.type.toLowerCase() === 'microsoft.network/virtualnetworks') return;
  const old = subnetsOf(before?.properties, new Set());
  const now = subnetsOf(after?.properties, new Set());
  const vnets = new Set<string>();
  for (const id of old) if (!now.has(id)) vnets.add(parentResourceId(id));
  for (const id of now) if (!old.has(id)) vnets.add(parentResourceId(id));
  for (const vnetId of vnets) {
    const vnet = emulator.store.get(vnetId);
    if (!vnet) continue;
    const etag = newEtag();
    vnet.etag = etag;
    for (const property of ['subnets', 'virtualNetworkPeerings'])
      for (const child of childArray(vnet, property)) child.etag = etag;
  }
}
