import type { IpVersion } from '../cidr';
import { ArmError } from './ArmError';

/** Rulebook §4: each rule ties a frontend to a pool of the same IP version. Azure's code is unknown; this one is ours. */
export function loadBalancingRuleIpVersionMismatch(
  ruleId: string,
  frontendId: string,
  frontendVersion: IpVersion,
  poolId: string,
  poolVersion: IpVersion,
  target: string,
): ArmError {
  return new ArmError(400, {
    code: 'LoadBalancingRuleFrontendAndBackendPoolIpVersionMismatch',
    message: `Load balancing rule ${ruleId} uses frontend ip configuration ${frontendId} of version '${frontendVersion}' with backend address pool ${poolId} whose members are '${poolVersion}'. Frontend and backend pool must have the same IP version.`,
    target,
  });
}

/**
 * Azure's VM scale set variant is AllNicIpConfigurationsOfLbBackendPoolOnVMScaleSetMustHaveSamePrivateIpAddressVersion
 * (https://github.com/kubernetes/kubernetes/issues/93085); this is the same refusal for a plain NIC, named after it.
 */
export function backendPoolIpVersionMismatch(
  ipConfigurationId: string,
  version: IpVersion,
  otherIpConfigurationId: string,
  otherVersion: IpVersion,
  poolId: string,
  target: string,
): ArmError {
  return new ArmError(400, {
    code: 'AllNicIpConfigurationsOfLbBackendPoolMustHaveSamePrivateIpAddressVersion',
    message: `Network interface ipConfiguration '${ipConfigurationId}' has privateIpAddressVersion '${version}' that does not match with privateIpAddressVersion '${otherVersion}' of ipConfiguration '${otherIpConfigurationId}' in the same load balancer backend address pool '${poolId}'.`,
    target,
  });
}

/** Rulebook §4: Basic only had legacy public IPv6; IPv6 frontends need a Standard load balancer. The code is ours. */
export function ipv6FrontendNotSupportedOnBasicLoadBalancer(
  lbId: string,
  frontendId: string,
  target: string,
): ArmError {
  return new ArmError(400, {
    code: 'IPv6FrontendNotSupportedOnBasicLoadBalancer',
    message: `Frontend ip configuration ${frontendId} is IPv6, which load balancer ${lbId} of SKU Basic does not support. Use a Standard load balancer.`,
    target,
  });
}

/**
 * Named after Azure's InUse...CannotBeDeleted family; no public trace of the code for a pool that plain NICs still
 * reference was found (the scale-set variant is LoadBalancerInUseByVirtualMachineScaleSet), so this one is ours.
 */
export function inUseBackendAddressPoolCannotBeDeleted(poolId: string, holderId: string): ArmError {
  return new ArmError(400, {
    code: 'InUseBackendAddressPoolCannotBeDeleted',
    message: `Backend address pool ${poolId} is in use by ${holderId} and cannot be deleted. In order to delete the backend address pool, remove it from the ip configurations that reference it.`,
    target: poolId,
  });
}
