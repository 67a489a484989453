import type { IpVersion } from '../../../src/arm/cidr';
import type { ArmError } from '../../../src/arm/errors/ArmError';
import { backendPoolIpVersionMismatch } from '../../../src/arm/errors/loadBalancerErrors';
import {
  networkInterfaceMustHaveIPv4IpConfiguration,
  onlyOneIPv6IpConfigurationAllowed,
  primaryIpConfigurationMustBeIPv4,
} from '../../../src/arm/errors/networkInterfaceErrors';
import { ipConfigurationPublicIpVersionMismatch } from '../../../src/arm/errors/publicIpAddressErrors';
import { subnetHasNoIPv6AddressPrefix } from '../../../src/arm/errors/virtualNetworkErrors';
import { idKey } from '../../../src/arm/resourceId';
import type { WriteContext } from '../WriteContext';
import { arrayOf, asRecord, childId, ipConfigurationVersion, nameOf, propertiesOf, refId } from './armShape';
import { poolMembers } from './backendPoolMembers';
import { storedPublicIpVersion } from './publicIpAddressRules';
import { checkStaticAddress } from './staticAddress';
import { subnetHasIPv6 } from './subnetLookup';

/** Rulebook §3: IPv4 primary, at most one IPv6 configuration, never IPv6 only, IPv6 only in a dual-stack subnet. */
export function validateNetworkInterface(ctx: WriteContext): ArmError | undefined {
  const nic = ctx.resource;
  const configs = arrayOf(propertiesOf(nic).ipConfigurations);
  const versions = configs.map(ipConfigurationVersion);
  const ids = configs.map((c, i) => childId(nic.id, 'ipConfigurations', c, i));
  const flagged = configs.findIndex((c) => propertiesOf(c).primary === true);
  const primary = flagged >= 0 ? flagged : 0;
  if (versions[primary] === 'IPv6') {
    return primaryIpConfigurationMustBeIPv4(
      nic.id,
      ids[primary] ?? nic.id,
      `properties.ipConfigurations[${primary}]`,
    );
  }
  const ipv6 = versions.flatMap((v, i) => (v === 'IPv6' ? [i] : []));
  if (ipv6.length > 1) {
    return onlyOneIPv6IpConfigurationAllowed(nic.id, ipv6.length, `properties.ipConfigurations[${ipv6[1]}]`);
  }
  if (!versions.includes('IPv4')) {
    return networkInterfaceMustHaveIPv4IpConfiguration(nic.id, 'properties.ipConfigurations');
  }
  for (const i of ipv6) {
    const subnetId = refId(propertiesOf(configs[i]).subnet);
    if (subnetId && subnetHasIPv6(ctx.store, subnetId) === false) {
      return subnetHasNoIPv6AddressPrefix(
        subnetId,
        ids[i] ?? nic.id,
        `properties.ipConfigurations[${i}].properties.subnet`,
      );
    }
  }
  for (let i = 0; i < configs.length; i++) {
    const publicIpId = refId(propertiesOf(configs[i]).publicIPAddress);
    const publicVersion = publicIpId ? storedPublicIpVersion(ctx.store, publicIpId) : undefined;
    const version = versions[i] ?? 'IPv4';
    if (publicIpId && publicVersion && publicVersion !== version)
      return ipConfigurationPublicIpVersionMismatch(
        ids[i] ?? nic.id,
        version,
        publicIpId,
        publicVersion,
        `properties.ipConfigurations[${i}].properties.publicIPAddress`,
      );
    const error = checkStaticAddress(
      ctx.store,
      propertiesOf(configs[i]),
      `properties.ipConfigurations[${i}].properties`,
    );
    if (error) return error;
  }
  return checkBackendPools(ctx, configs, versions, ids);
}

/** All members of a backend pool share one IP version (Azure's AllNicIpConfigurationsOfLbBackendPool... rule). */
function checkBackendPools(
  ctx: WriteContext,
  configs: unknown[],
  versions: IpVersion[],
  ids: string[],
): ArmError | undefined {
  const firstInThisNic = new Map<string, number>();
  // Memberships the stored NIC already had, same configuration and version: checked when they were written.
  const stored = new Set<string>();
  for (const config of arrayOf(propertiesOf(ctx.existing).ipConfigurations)) {
    const prefix = `${nameOf(config, '').toLowerCase()}|${ipConfigurationVersion(config)}|`;
    for (const pool of arrayOf(propertiesOf(config).loadBalancerBackendAddressPools)) {
      stored.add(prefix + idKey(refId(pool) ?? ''));
    }
  }
  for (let i = 0; i < configs.length; i++) {
    const version = versions[i] ?? 'IPv4';
    const pools = arrayOf(propertiesOf(configs[i]).loadBalancerBackendAddressPools);
    for (let j = 0; j < pools.length; j++) {
      const poolId = refId(asRecord(pools[j]));
      if (!poolId) continue;
      const target = `properties.ipConfigurations[${i}].properties.loadBalancerBackendAddressPools[${j}]`;
      const sibling = firstInThisNic.get(idKey(poolId));
      if (sibling !== undefined && versions[sibling] !== version) {
        return backendPoolIpVersionMismatch(
          ids[i] ?? '',
          version,
          ids[sibling] ?? '',
          versions[sibling] ?? 'IPv4',
          poolId,
          target,
        );
      }
      if (sibling !== undefined) continue;
      firstInThisNic.set(idKey(poolId), i);
      if (stored.has(`${nameOf(configs[i], '').toLowerCase()}|${version}|${idKey(poolId)}`)) continue;
      const other = poolMembers(ctx.store, poolId, ctx.resource.id).find((m) => m.version !== version);
      if (other)
        return backendPoolIpVersionMismatch(ids[i] ?? '', version, other.id, other.version, poolId, target);
    }
  }
  return undefined;
}
