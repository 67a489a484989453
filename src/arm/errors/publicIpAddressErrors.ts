import type { IpVersion } from '../cidr';
import { ArmError } from './ArmError';

/**
 * Rulebook §8: Standard public IPs are static only. Azure's code and text, e.g.
 * https://github.com/MicrosoftDocs/azure-docs/issues/42889, https://github.com/pulumi/pulumi-azure-native/issues/1597.
 */
export function standardSkuPublicIpAddressesMustBeStatic(publicIpId: string): ArmError {
  return new ArmError(400, {
    code: 'StandardSkuPublicIPAddressesMustBeStatic',
    message: `Standard sku publicIp ${publicIpId} must have AllocationMethod set to Static.`,
    target: 'properties.publicIPAllocationMethod',
  });
}

/**
 * Rulebook §8: Basic public IPs are retired; new ones are refused. Azure answers a new IPv4 one with
 * IPv4BasicSkuPublicIpCountLimitReached (https://github.com/skypilot-org/skypilot/issues/7977); the IPv6
 * variant is named after it (ours: no public trace).
 */
export function basicSkuPublicIpCountLimitReached(version: IpVersion): ArmError {
  return new ArmError(400, {
    code: `${version}BasicSkuPublicIpCountLimitReached`,
    message: `Cannot create more than 0 ${version} Basic SKU public IP addresses for this subscription in this region.`,
    target: 'sku.name',
  });
}

/**
 * Rulebook §3/§8: an ip configuration's public IP has the configuration's IP version (IPv6 public IPs go on
 * the NIC's IPv6 configuration). No public trace of Azure's code was found; this one is ours.
 */
export function ipConfigurationPublicIpVersionMismatch(
  ipConfigurationId: string,
  version: IpVersion,
  publicIpId: string,
  publicIpVersion: IpVersion,
  target: string,
): ArmError {
  return new ArmError(400, {
    code: 'IpConfigurationAndPublicIPAddressVersionMismatch',
    message: `IP configuration ${ipConfigurationId} has privateIPAddressVersion '${version}' but references public IP address ${publicIpId} of version '${publicIpVersion}'. The public IP address must have the IP version of the ip configuration.`,
    target,
  });
}

/**
 * A public IP still attached to an ip configuration or frontend can't be deleted. Azure's code and text, e.g.
 * https://github.com/hashicorp/packer (azure-arm builder logs), terraform-provider-azurerm issues.
 */
export function publicIpAddressCannotBeDeleted(publicIpId: string, holderId: string): ArmError {
  return new ArmError(400, {
    code: 'PublicIPAddressCannotBeDeleted',
    message: `Public IP address ${publicIpId} can not be deleted since it is still allocated to resource ${holderId}. In order to delete the public IP, disassociate/detach the Public IP address from the resource.`,
    target: publicIpId,
  });
}
