import { formatCidr, overlaps, contains, type Cidr } from '../../../src/arm/cidr';
import type { ArmResource } from '../../../src/arm/ArmResource';
import type { ArmError } from '../../../src/arm/errors/ArmError';
import {
  invalidSubnetIPv6PrefixLength,
  ipv6AddressesNotSupportedWithResourceNavigationLinks,
  ipv6OnlySubnetNotSupported,
  ipv6OnlyVirtualNetworkNotSupported,
  subnetPrefixTooSmall,
  subnetRangeOutsideVnet,
  subnetRangesOverlap,
  virtualNetworkIPv6PrefixLengthNotSupported,
  vnetAddressSpaceOverlapsWithAlreadyPeeredVnet,
  vnetAddressSpacesOverlap,
} from '../../../src/arm/errors/virtualNetworkErrors';
import { idKey, sameId } from '../../../src/arm/resourceId';
import type { ResourceReader, WriteContext } from '../WriteContext';
import {
  arrayOf,
  childId,
  nameOf,
  parsedPrefixes,
  propertiesOf,
  refId,
  sameText,
  subnetPrefixes,
  vnetPrefixes,
} from './armShape';
import { checkIPv6PrefixRemoval } from './ipv6PrefixRemoval';
import { isCidr, prefixOrError } from './prefixOrError';

const VIRTUAL_NETWORKS = 'Microsoft.Network/virtualNetworks';
/** Rulebook §1: Microsoft's examples range from /48 to /64; nothing documents a larger VNet block. */
const VNET_IPV6_LENGTHS = { min: 48, max: 64 };
/** Rulebook §2 (virtual network FAQ). */
const SMALLEST_IPV4_SUBNET = 29;
const IPV6_SUBNET_LENGTH = 64;

export function validateVirtualNetwork(ctx: WriteContext): ArmError | undefined {
  const space = checkAddressSpace(ctx.resource);
  if (!isCidrList(space)) return space;
  return (
    checkSubnets(ctx.resource, space) ??
    checkIPv6PrefixRemoval(ctx) ??
    checkNavigationLinks(ctx, space) ??
    checkPeerings(ctx, space)
  );
}

function isCidrList(value: Cidr[] | ArmError): value is Cidr[] {
  return Array.isArray(value);
}

function checkAddressSpace(vnet: ArmResource): Cidr[] | ArmError {
  const cidrs: Cidr[] = [];
  const texts = vnetPrefixes(vnet);
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i] ?? '';
    const target = `properties.addressSpace.addressPrefixes[${i}]`;
    const cidr = prefixOrError(text, vnet.id, target);
    if (!isCidr(cidr)) return cidr;
    if (
      cidr.version === 'IPv6' &&
      (cidr.length < VNET_IPV6_LENGTHS.min || cidr.length > VNET_IPV6_LENGTHS.max)
    ) {
      return virtualNetworkIPv6PrefixLengthNotSupported(text, vnet.id, target);
    }
    cidrs.push(cidr);
  }
  if (cidrs.length > 0 && !cidrs.some((c) => c.version === 'IPv4')) {
    return ipv6OnlyVirtualNetworkNotSupported(vnet.id, 'properties.addressSpace.addressPrefixes');
  }
  return cidrs;
}

function checkSubnets(vnet: ArmResource, space: readonly Cidr[]): ArmError | undefined {
  const taken: Cidr[] = [];
  const subnets = arrayOf(propertiesOf(vnet).subnets);
  for (let i = 0; i < subnets.length; i++) {
    const subnet = subnets[i];
    const name = nameOf(subnet, String(i));
    const subnetId = childId(vnet.id, 'subnets', subnet, i);
    const own: Cidr[] = [];
    for (const { text, field } of subnetPrefixes(subnet)) {
      const target = `properties.subnets[${i}].${field}`;
      const cidr = prefixOrError(text, subnetId, target);
      if (!isCidr(cidr)) return cidr;
      if (cidr.version === 'IPv4' && cidr.length > SMALLEST_IPV4_SUBNET) {
        return subnetPrefixTooSmall(name, vnet.name, text, target);
      }
      if (cidr.version === 'IPv6' && cidr.length !== IPV6_SUBNET_LENGTH) {
        return invalidSubnetIPv6PrefixLength(name, text, target);
      }
      if (!space.some((block) => contains(block, cidr)))
        return subnetRangeOutsideVnet(name, vnet.name, target);
      if (taken.some((other) => overlaps(other, cidr)) || own.some((other) => overlaps(other, cidr))) {
        return subnetRangesOverlap(name, vnet.name, target);
      }
      own.push(cidr);
    }
    if (own.length > 0 && !own.some((c) => c.version === 'IPv4')) {
      return ipv6OnlySubnetNotSupported(name, vnet.name, `properties.subnets[${i}].properties`);
    }
    taken.push(...own);
  }
  return undefined;
}

/** Only adding IPv6 space is refused; a VNet that already had both keeps working (rulebook §1). */
function checkNavigationLinks(ctx: WriteContext, space: readonly Cidr[]): ArmError | undefined {
  if (!ctx.existing) return undefined;
  const before = new Set(
    parsedPrefixes(vnetPrefixes(ctx.existing))
      .filter((c) => c.version === 'IPv6')
      .map(formatCidr),
  );
  const adds = space.some((c) => c.version === 'IPv6' && !before.has(formatCidr(c)));
  if (!adds) return undefined;
  // Links are read-only and server-owned, so the stored subnets are the ones that count.
  const linked = arrayOf(propertiesOf(ctx.existing).subnets).some(
    (s) => arrayOf(propertiesOf(s).resourceNavigationLinks).length > 0,
  );
  return linked
    ? ipv6AddressesNotSupportedWithResourceNavigationLinks(
        ctx.resource.id,
        'properties.addressSpace.addressPrefixes',
      )
    : undefined;
}

function overlapping(mine: readonly Cidr[], theirs: readonly Cidr[]): string[] {
  return mine.filter((a) => theirs.some((b) => overlaps(a, b))).map(formatCidr);
}

function peeringsOf(
  vnet: unknown,
): { id: string; remoteId: string | undefined; name: string; index: number }[] {
  const vnetId = (vnet as ArmResource).id;
  return arrayOf(propertiesOf(vnet).virtualNetworkPeerings).map((p, index) => ({
    id: childId(vnetId, 'virtualNetworkPeerings', p, index),
    remoteId: refId(propertiesOf(p).remoteVirtualNetwork),
    name: nameOf(p, String(index)),
    index,
  }));
}

function canonicalSet(cidrs: readonly Cidr[]): string {
  return cidrs.map(formatCidr).sort().join(',');
}

/**
 * Peered address spaces must not overlap (rulebook §1, documented for IPv4 and applied to IPv6). Checked in
 * both directions, because a peering is stored on one side and the address change can come from either.
 * A peering that existed before with the same remote, on a VNet whose space did not change, was checked
 * when it was written and is skipped: that keeps a hub with hundreds of peerings cheap to rewrite.
 */
function checkPeerings(ctx: WriteContext, space: readonly Cidr[]): ArmError | undefined {
  const { store, resource: vnet } = ctx;
  const before = new Map(
    peeringsOf(ctx.existing ?? {}).map((p) => [p.name.toLowerCase(), idKey(p.remoteId ?? '')]),
  );
  const spaceChanged =
    !ctx.existing || canonicalSet(space) !== canonicalSet(parsedPrefixes(vnetPrefixes(ctx.existing)));
  for (const peering of peeringsOf(vnet)) {
    const remote =
      peering.remoteId && !sameId(peering.remoteId, vnet.id) ? store.get(peering.remoteId) : undefined;
    if (!remote) continue;
    const isNew = before.get(peering.name.toLowerCase()) !== idKey(remote.id);
    if (!isNew && !spaceChanged) continue;
    const target = `properties.virtualNetworkPeerings[${peering.index}]`;
    const shared = overlapping(space, parsedPrefixes(vnetPrefixes(remote)));
    if (shared.length > 0) return vnetAddressSpacesOverlap(peering.id, vnet.id, remote.id, shared, target);
    if (isNew) {
      const error = checkAlreadyPeered(store, vnet, space, peering.id, remote, target);
      if (error) return error;
    }
  }
  if (!spaceChanged) return undefined;
  const peeredHere = store.referencing
    ? store.referencing(vnet.id).filter((r) => sameText(r.type, VIRTUAL_NETWORKS))
    : store.ofType(VIRTUAL_NETWORKS);
  for (const other of peeredHere) {
    if (sameId(other.id, vnet.id)) continue;
    const back = peeringsOf(other).find((p) => sameId(p.remoteId, vnet.id));
    if (!back) continue;
    const shared = overlapping(space, parsedPrefixes(vnetPrefixes(other)));
    if (shared.length > 0) {
      return vnetAddressSpacesOverlap(
        back.id,
        other.id,
        vnet.id,
        shared,
        'properties.addressSpace.addressPrefixes',
      );
    }
  }
  return undefined;
}

/** A new peering to `remote` must not overlap the VNets `remote` is already peered with. */
function checkAlreadyPeered(
  store: ResourceReader,
  vnet: ArmResource,
  space: readonly Cidr[],
  peeringId: string,
  remote: ArmResource,
  target: string,
): ArmError | undefined {
  const seen = new Set<string>([idKey(vnet.id), idKey(remote.id)]);
  for (const theirs of peeringsOf(remote)) {
    if (!theirs.remoteId || seen.has(idKey(theirs.remoteId))) continue;
    seen.add(idKey(theirs.remoteId));
    const third = store.get(theirs.remoteId);
    if (!third) continue;
    const shared = overlapping(space, parsedPrefixes(vnetPrefixes(third)));
    if (shared.length > 0) {
      return vnetAddressSpaceOverlapsWithAlreadyPeeredVnet(
        peeringId,
        vnet.id,
        remote.id,
        third.id,
        shared,
        target,
      );
    }
  }
  return undefined;
}
