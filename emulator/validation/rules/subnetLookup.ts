import { parentResourceId } from '../../../src/arm/resourceId';
import type { ArmResource } from '../../../src/arm/ArmResource';
import type { ResourceReader } from '../WriteContext';
import { arrayOf, nameOf, parsedPrefixes, propertiesOf, sameText, subnetPrefixes } from './armShape';

/** The subnet a reference points to, read from its VNet in the store (or from the VNet being written). */
export function findSubnet(store: ResourceReader, subnetId: string, writing?: ArmResource): unknown {
  const vnetId = parentResourceId(subnetId);
  const vnet = writing && sameText(writing.id, vnetId) ? writing : store.get(vnetId);
  if (!vnet) return undefined;
  const name = subnetId.split('/').pop();
  return arrayOf(propertiesOf(vnet).subnets).find((s) => sameText(nameOf(s, ''), name));
}

/** Undefined when the subnet can't be found: a dangling reference is reported elsewhere, not as an IPv6 problem. */
export function subnetHasIPv6(store: ResourceReader, subnetId: string): boolean | undefined {
  const subnet = findSubnet(store, subnetId);
  if (subnet === undefined) return undefined;
  return parsedPrefixes(subnetPrefixes(subnet).map((p) => p.text)).some((c) => c.version === 'IPv6');
}
