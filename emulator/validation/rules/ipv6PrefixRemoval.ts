import { formatCidr } from '../../../src/arm/cidr';
import type { ArmError } from '../../../src/arm/errors/ArmError';
import { inUseSubnetCannotBeUpdated } from '../../../src/arm/errors/virtualNetworkErrors';
import { idKey } from '../../../src/arm/resourceId';
import type { ResourceReader, WriteContext } from '../WriteContext';
import {
  arrayOf,
  childId,
  ipConfigurationVersion,
  nameOf,
  parsedPrefixes,
  propertiesOf,
  refId,
  sameText,
  subnetPrefixes,
} from './armShape';
import { NETWORK_INTERFACES } from './backendPoolMembers';

const LOAD_BALANCERS = 'Microsoft.Network/loadBalancers';

function ipv6Prefixes(subnet: unknown): string[] {
  return parsedPrefixes(subnetPrefixes(subnet).map((p) => p.text))
    .filter((c) => c.version === 'IPv6')
    .map(formatCidr);
}

/** The stored IPv6 NIC ip configuration or load-balancer frontend that sits in `subnetId`, if any. */
function firstIPv6Holder(store: ResourceReader, subnetId: string): string | undefined {
  const key = idKey(subnetId);
  const candidates = store.referencing
    ? store.referencing(subnetId)
    : [...store.ofType(NETWORK_INTERFACES), ...store.ofType(LOAD_BALANCERS)];
  for (const resource of candidates) {
    const collection = sameText(resource.type, NETWORK_INTERFACES)
      ? 'ipConfigurations'
      : sameText(resource.type, LOAD_BALANCERS)
        ? 'frontendIPConfigurations'
        : undefined;
    if (!collection) continue;
    const configs = arrayOf(propertiesOf(resource)[collection]);
    for (let i = 0; i < configs.length; i++) {
      if (ipConfigurationVersion(configs[i]) !== 'IPv6') continue;
      const subnet = refId(propertiesOf(configs[i]).subnet);
      if (subnet && idKey(subnet) === key) return childId(resource.id, collection, configs[i], i);
    }
  }
  return undefined;
}

/**
 * A subnet keeps its IPv6 prefix while an IPv6 ip configuration or frontend still sits in it, so a rollback has to
 * empty the subnet first. IPv4 users do not pin the IPv6 prefix. A subnet that disappears altogether is refused
 * earlier, as InUseSubnetCannotBeDeleted.
 */
export function checkIPv6PrefixRemoval(ctx: WriteContext): ArmError | undefined {
  if (!ctx.existing) return undefined;
  const subnets = arrayOf(propertiesOf(ctx.resource).subnets);
  const at = new Map(subnets.map((s, i) => [nameOf(s, '').toLowerCase(), i]));
  for (const before of arrayOf(propertiesOf(ctx.existing).subnets)) {
    const i = at.get(nameOf(before, '').toLowerCase());
    const subnet = i === undefined ? undefined : subnets[i];
    // A child PUT shares the untouched subnets with the stored VNet.
    if (i === undefined || subnet === before) continue;
    const kept = new Set(ipv6Prefixes(subnet));
    const removed = ipv6Prefixes(before).find((p) => !kept.has(p));
    if (!removed) continue;
    const subnetId = childId(ctx.resource.id, 'subnets', subnet, i);
    const holder = firstIPv6Holder(ctx.store, subnetId);
    if (!holder) continue;
    const field = Array.isArray(propertiesOf(subnet).addressPrefixes) ? 'addressPrefixes' : 'addressPrefix';
    return inUseSubnetCannotBeUpdated(
      subnetId,
      holder,
      removed,
      `properties.subnets[${i}].properties.${field}`,
    );
  }
  return undefined;
}
