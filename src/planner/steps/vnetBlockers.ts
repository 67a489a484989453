import type { Finding } from '../Plan';
import type { VnetInfo } from '../discovery/EstateIndex';
import { arr, objs, props, str } from '../json';
import { subnetRole } from '../addressPlan/planSubnetPrefixes';

/**
 * Delegations whose services don't accept IPv6 in the subnet [inferred: the rulebook
 * leaves delegated subnets "unclear"; these services document IPv4-only VNet injection].
 */
export const IPV6_FORBIDDING_DELEGATIONS = new Set(
  [
    'Microsoft.Netapp/volumes',
    'Microsoft.ContainerInstance/containerGroups',
    'Microsoft.DBforPostgreSQL/flexibleServers',
    'Microsoft.DBforMySQL/flexibleServers',
    'Microsoft.Sql/managedInstances',
    'Microsoft.ApiManagement/service',
    'Microsoft.Databricks/workspaces',
  ].map((s) => s.toLowerCase()),
);

/** Findings that stop a VNet from getting IPv6 at all (the VNet PUT would fail or break something). */
export function vnetBlockers(vnet: VnetInfo, wantsIpv6: (subnetName: string) => boolean): Finding[] {
  const blockers: Finding[] = [];
  for (const s of vnet.subnets) {
    const sp = props(s.body);
    if (subnetRole(s.name) === 'routeServer') {
      blockers.push({
        code: 'RouteServerPresent',
        resourceId: s.id,
        message: `${vnet.resource.name} has a RouteServerSubnet: Azure Route Server doesn't support IPv6, and deploying it in a VNet with IPv6 breaks IPv6`,
        fix: 'Remove Route Server from this VNet (use static IPv6 UDRs instead), or exclude the VNet with the exclusion tag.',
      });
    }
    const needsPrefix = s.ipv6.length === 0 && wantsIpv6(s.name);
    // Resource navigation links block any new IPv6 range on the VNet, not only on their own subnet.
    if (arr(sp.resourceNavigationLinks).length > 0 && (vnet.ipv6.length === 0 || needsPrefix)) {
      blockers.push({
        code: 'ResourceNavigationLinks',
        resourceId: s.id,
        message: `subnet ${s.name} has resource navigation links (an injected service); Azure refuses IPv6 ranges on a VNet with them`,
        fix: 'Move the injected service out of the VNet, or exclude the VNet with the exclusion tag.',
      });
    }
    if (!needsPrefix) continue;
    for (const d of objs(sp.delegations)) {
      const service = str(props(d).serviceName) ?? '';
      if (IPV6_FORBIDDING_DELEGATIONS.has(service.toLowerCase()))
        blockers.push({
          code: 'DelegationForbidsIpv6',
          resourceId: s.id,
          message: `subnet ${s.name} is delegated to ${service}, which doesn't support IPv6 in its subnet`,
          fix: 'Move the delegated service to a subnet of another VNet, or exclude the VNet with the exclusion tag.',
        });
    }
  }
  return blockers;
}
