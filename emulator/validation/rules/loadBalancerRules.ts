import type { IpVersion } from '../../../src/arm/cidr';
import type { ArmError } from '../../../src/arm/errors/ArmError';
import {
  ipv6FrontendNotSupportedOnBasicLoadBalancer,
  loadBalancingRuleIpVersionMismatch,
} from '../../../src/arm/errors/loadBalancerErrors';
import { subnetHasNoIPv6AddressPrefix } from '../../../src/arm/errors/virtualNetworkErrors';
import type { ResourceReader, WriteContext } from '../WriteContext';
import { arrayOf, childId, declaredIpVersion, nameOf, propertiesOf, refId } from './armShape';
import { poolMembers } from './backendPoolMembers';
import { storedPublicIpVersion } from './publicIpAddressRules';
import { checkStaticAddress } from './staticAddress';
import { subnetHasIPv6 } from './subnetLookup';

/** A public frontend takes the version of its public IP (IPv4 unless the stored IP says IPv6). */
function frontendVersion(store: ResourceReader, frontend: unknown): IpVersion {
  const props = propertiesOf(frontend);
  const publicIpId = refId(props.publicIPAddress);
  return (
    (publicIpId ? storedPublicIpVersion(store, publicIpId) : undefined) ?? declaredIpVersion(props) ?? 'IPv4'
  );
}

function checkIPv6Frontend(
  ctx: WriteContext,
  basic: boolean,
  frontend: unknown,
  i: number,
): ArmError | undefined {
  const lb = ctx.resource;
  const id = childId(lb.id, 'frontendIPConfigurations', frontend, i);
  const target = `properties.frontendIPConfigurations[${i}]`;
  if (basic) return ipv6FrontendNotSupportedOnBasicLoadBalancer(lb.id, id, target);
  const subnetId = refId(propertiesOf(frontend).subnet);
  return subnetId && subnetHasIPv6(ctx.store, subnetId) === false
    ? subnetHasNoIPv6AddressPrefix(subnetId, id, `${target}.properties.subnet`)
    : undefined;
}

/**
 * Rulebook §4: IPv6 frontends need the Standard SKU and a dual-stack subnet; each rule pairs a frontend with a
 * pool of the same version. An absent SKU counts as Basic, the API's default when the body omits it.
 */
export function validateLoadBalancer(ctx: WriteContext): ArmError | undefined {
  const lb = ctx.resource;
  const basic = (lb.sku?.name ?? 'Basic').toLowerCase() === 'basic';
  const frontends = arrayOf(propertiesOf(lb).frontendIPConfigurations);
  const versionByName = new Map<string, IpVersion>();
  for (let i = 0; i < frontends.length; i++) {
    const frontend = frontends[i];
    const version = frontendVersion(ctx.store, frontend);
    versionByName.set(nameOf(frontend, String(i)).toLowerCase(), version);
    const target = `properties.frontendIPConfigurations[${i}]`;
    const error =
      (version === 'IPv6' ? checkIPv6Frontend(ctx, basic, frontend, i) : undefined) ??
      checkStaticAddress(ctx.store, propertiesOf(frontend), `${target}.properties`);
    if (error) return error;
  }
  const rules = arrayOf(propertiesOf(lb).loadBalancingRules);
  const poolVersions = new Map<string, IpVersion | undefined>();
  for (let k = 0; k < rules.length; k++) {
    const props = propertiesOf(rules[k]);
    const frontendId = refId(props.frontendIPConfiguration);
    const version = frontendId
      ? versionByName.get((frontendId.split('/').pop() ?? '').toLowerCase())
      : undefined;
    if (!frontendId || !version) continue;
    const pools = [refId(props.backendAddressPool), ...arrayOf(props.backendAddressPools).map(refId)];
    for (const poolId of pools) {
      if (!poolId) continue;
      const key = poolId.toLowerCase();
      if (!poolVersions.has(key)) poolVersions.set(key, poolMembers(ctx.store, poolId)[0]?.version);
      const poolVersion = poolVersions.get(key);
      // An empty pool has no version yet, so any frontend may use it.
      if (poolVersion && poolVersion !== version) {
        const ruleId = childId(lb.id, 'loadBalancingRules', rules[k], k);
        return loadBalancingRuleIpVersionMismatch(
          ruleId,
          frontendId,
          version,
          poolId,
          poolVersion,
          `properties.loadBalancingRules[${k}]`,
        );
      }
    }
  }
  return undefined;
}
