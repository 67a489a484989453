import { ArmError } from './ArmError';

// Virtual network and subnet write errors. Where Azure's code and text are known, the source is cited;
// the other codes are ours, named in ARM's style, because no public trace of the real one was found.

function lastSegment(id: string): string {
  return id.split('/').pop() ?? id;
}

/** Text from https://github.com/Azure/azure-rest-api-specs/issues/1556 (Azure's reply to an unparsable prefix). */
export function invalidAddressPrefixFormat(prefix: string, resourceId: string, target: string): ArmError {
  return new ArmError(400, {
    code: 'InvalidAddressPrefixFormat',
    message: `Address prefix ${prefix} of resource ${resourceId} is not formatted correctly. It should follow CIDR notation, for example 10.0.0.0/24.`,
    target,
  });
}

/**
 * Host bits set (10.0.0.1/24). A public deployment log shows Azure's code and wording for this case:
 * "InvalidCIDRNotation: The address prefix 10.10.10.0/16 ... should be 10.10.0.0/16".
 */
export function invalidCidrNotation(
  prefix: string,
  resourceId: string,
  expected: string,
  target: string,
): ArmError {
  return new ArmError(400, {
    code: 'InvalidCIDRNotation',
    message: `The address prefix ${prefix} in resource ${resourceId} has an invalid CIDR notation. For the given prefix length, the address prefix should be ${expected}.`,
    target,
  });
}

/** Rulebook §1: Microsoft's examples use /48 to /64 and no page names a larger VNet block, so the emulator accepts exactly that range. */
export function virtualNetworkIPv6PrefixLengthNotSupported(
  prefix: string,
  vnetId: string,
  target: string,
): ArmError {
  return new ArmError(400, {
    code: 'VirtualNetworkIPv6PrefixLengthNotSupported',
    message: `IPv6 address prefix ${prefix} of virtual network ${vnetId} is not supported. IPv6 address space prefixes must be between /48 and /64.`,
    target,
  });
}

export function ipv6OnlyVirtualNetworkNotSupported(vnetId: string, target: string): ArmError {
  return new ArmError(400, {
    code: 'IPv6OnlyVirtualNetworkNotSupported',
    message: `Virtual network ${vnetId} has only IPv6 address prefixes. A virtual network must have IPv4 address space; IPv6 can only be added next to it (dual stack).`,
    target,
  });
}

/** Text from https://github.com/MicrosoftDocs/azure-docs/pull/123869 and azure-service-operator#4927. */
export function subnetRangeOutsideVnet(subnetName: string, vnetName: string, target: string): ArmError {
  return new ArmError(400, {
    code: 'NetcfgSubnetRangeOutsideVnet',
    message: `Subnet '${subnetName}' is not valid because its IP address range is outside the IP address range of virtual network '${vnetName}'.`,
    target,
  });
}

/** Text from https://github.com/MicrosoftDocs/azure-docs/pull/123869. */
export function subnetRangesOverlap(subnetName: string, vnetName: string, target: string): ArmError {
  return new ArmError(400, {
    code: 'NetcfgSubnetRangesOverlap',
    message: `Subnet '${subnetName}' is not valid because its IP address range overlaps with that of an existing subnet in virtual network '${vnetName}'.`,
    target,
  });
}

/**
 * Azure's generic subnet refusal (https://github.com/Azure/azure-cli/issues/28097) with the reason appended,
 * since the real reply gives none and a user needs to know the /29 minimum.
 */
export function subnetPrefixTooSmall(
  subnetName: string,
  vnetName: string,
  prefix: string,
  target: string,
): ArmError {
  return new ArmError(400, {
    code: 'NetcfgInvalidSubnet',
    message: `Subnet '${subnetName}' is not valid in virtual network '${vnetName}'. Address prefix ${prefix} is smaller than the smallest supported IPv4 subnet, /29.`,
    target,
  });
}

/** Rulebook §2: IPv6 subnets are exactly /64 (documented); the GatewaySubnet "/64 or larger" conflict is not honoured. */
export function invalidSubnetIPv6PrefixLength(subnetName: string, prefix: string, target: string): ArmError {
  return new ArmError(400, {
    code: 'InvalidSubnetIPv6PrefixLength',
    message: `Subnet '${subnetName}' has IPv6 address prefix ${prefix}. IPv6 subnet prefixes must be exactly /64.`,
    target,
  });
}

export function ipv6OnlySubnetNotSupported(subnetName: string, vnetName: string, target: string): ArmError {
  return new ArmError(400, {
    code: 'IPv6OnlySubnetNotSupported',
    message: `Subnet '${subnetName}' of virtual network '${vnetName}' has only IPv6 address prefixes. A subnet must have an IPv4 prefix; add the IPv6 /64 next to it.`,
    target,
  });
}

/** Code and text from public NRP traces of `az network vnet peering create` (code constant VnetAddressSpacesOverlap). */
export function vnetAddressSpacesOverlap(
  peeringId: string,
  vnetId: string,
  remoteVnetId: string,
  overlapping: readonly string[],
  target: string,
): ArmError {
  return new ArmError(400, {
    code: 'VnetAddressSpacesOverlap',
    message: `Cannot create or update peering ${peeringId}. Virtual networks ${vnetId} and ${remoteVnetId} cannot be peered because their address spaces overlap. Overlapping address prefixes: ${overlapping.join(', ')}.`,
    target,
  });
}

/** Text from https://github.com/Azure/ResourceModules/issues/731. */
export function vnetAddressSpaceOverlapsWithAlreadyPeeredVnet(
  peeringId: string,
  vnetId: string,
  remoteVnetId: string,
  alreadyPeeredVnetId: string,
  overlapping: readonly string[],
  target: string,
): ArmError {
  return new ArmError(400, {
    code: 'VnetAddressSpaceOverlapsWithAlreadyPeeredVnet',
    message: `Cannot create or update peering ${peeringId}. Virtual networks ${vnetId} and ${remoteVnetId} cannot be peered because address space of the first virtual network overlaps with address space of virtual network ${alreadyPeeredVnetId} already peered with the second virtual network. Overlapping address prefixes: ${overlapping.join(', ')}.`,
    target,
  });
}

/** Text (typo included) from https://github.com/MicrosoftDocs/azure-docs/issues/53088. */
export function ipv6AddressesNotSupportedWithResourceNavigationLinks(
  vnetId: string,
  target: string,
): ArmError {
  return new ArmError(400, {
    code: 'IPv6AddressesNotSupportedWithResourceNavigationLinks',
    message: `Cannot add IPv6 addreses on vnet ${lastSegment(vnetId)} since vnet has resource navigation links.`,
    target,
  });
}

/** Rulebook §3 (inferred): an IPv6 ip configuration (NIC or load-balancer frontend) needs a subnet that has an IPv6 prefix. */
export function subnetHasNoIPv6AddressPrefix(
  subnetId: string,
  ipConfigurationId: string,
  target: string,
): ArmError {
  return new ArmError(400, {
    code: 'SubnetHasNoIPv6AddressPrefix',
    message: `IPv6 ip configuration ${ipConfigurationId} references subnet ${subnetId}, which has no IPv6 address prefix. Add an IPv6 /64 to the subnet first.`,
    target,
  });
}

/**
 * Code and text from https://github.com/rancher/rancher/issues/8208 ("Subnet ContosoSubnet1 is in use and cannot
 * be updated."), with the holder named the way Azure's InUseSubnetCannotBeDeleted names it. Newer NRP builds may
 * answer a removed prefix with InUsePrefixCannotBeDeleted (hashicorp/terraform-provider-azurerm#11211); the older,
 * more widely traced code is kept until a dual-stack trace settles it.
 */
export function inUseSubnetCannotBeUpdated(
  subnetId: string,
  holderId: string,
  removedPrefix: string,
  target: string,
): ArmError {
  return new ArmError(400, {
    code: 'InUseSubnetCannotBeUpdated',
    message: `Subnet ${lastSegment(subnetId)} is in use by ${holderId} and cannot be updated. Remove it from the subnet before removing address prefix ${removedPrefix}.`,
    target,
  });
}

/**
 * Code and text from Azure's list of common deployment errors
 * (https://learn.microsoft.com/azure/azure-resource-manager/troubleshooting/common-deployment-errors)
 * and the replies quoted in public deployment logs.
 */
export function privateIpAddressNotInSubnet(address: string, subnetPrefix: string, target: string): ArmError {
  return new ArmError(400, {
    code: 'PrivateIPAddressNotInSubnet',
    message: `Private static IP address ${address} does not belong to the range of subnet prefix ${subnetPrefix}.`,
    target,
  });
}

/** Code from https://github.com/hashicorp/terraform-provider-azurerm/issues/4225 (rulebook §2: first four addresses, and the IPv4 broadcast). */
export function privateIpAddressInReservedRange(
  address: string,
  subnetPrefix: string,
  target: string,
): ArmError {
  return new ArmError(400, {
    code: 'PrivateIPAddressInReservedRange',
    message: `Private static IP address ${address} falls within reserved IP range of subnet prefix ${subnetPrefix}.`,
    target,
  });
}
