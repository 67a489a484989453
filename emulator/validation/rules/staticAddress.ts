import { contains, lastAddress, parseCidr, parseIp, type Cidr } from '../../../src/arm/cidr';
import type { ArmError } from '../../../src/arm/errors/ArmError';
import { isStaticAllocation } from '../../../src/arm/ipVersionField';
import {
  privateIpAddressInReservedRange,
  privateIpAddressNotInSubnet,
} from '../../../src/arm/errors/virtualNetworkErrors';
import type { ResourceReader } from '../WriteContext';
import { refId, stringOf, subnetPrefixes, type Json } from './armShape';
import { findSubnet } from './subnetLookup';

/** Azure keeps the first four addresses of every subnet, and the broadcast address of an IPv4 one (rulebook §2). */
const RESERVED_AT_START = 4n;

function isReserved(block: Cidr, address: bigint): boolean {
  if (address - block.network < RESERVED_AT_START) return true;
  return block.version === 'IPv4' && address === lastAddress(block);
}

/**
 * A Static private address must lie in its subnet and outside the reserved addresses (rulebook §3). Dynamic
 * configurations are not checked: ARM ignores the address a client echoes back from a GET.
 */
export function checkStaticAddress(store: ResourceReader, props: Json, target: string): ArmError | undefined {
  if (!isStaticAllocation(props.privateIPAllocationMethod)) return undefined;
  const text = stringOf(props.privateIPAddress);
  const subnetId = refId(props.subnet);
  const address = text ? parseIp(text) : undefined;
  if (!text || !address || !subnetId) return undefined;
  const subnet = findSubnet(store, subnetId);
  if (subnet === undefined) return undefined;
  const blocks = subnetPrefixes(subnet).flatMap(({ text: prefix }) => {
    const cidr = parseCidr(prefix);
    return cidr ? [{ prefix, cidr }] : [];
  });
  const home = blocks.find((b) => contains(b.cidr, address));
  if (!home) {
    const shown = blocks.find((b) => b.cidr.version === address.version) ?? blocks[0];
    return privateIpAddressNotInSubnet(text, shown?.prefix ?? '', `${target}.privateIPAddress`);
  }
  return isReserved(home.cidr, address.value)
    ? privateIpAddressInReservedRange(text, home.prefix, `${target}.privateIPAddress`)
    : undefined;
}
