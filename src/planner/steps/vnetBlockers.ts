import type { Finding } from '../Plan';
import type { VnetInfo } from '../discovery/EstateIndex';
import { arr, props } from '../json';
import { delegationsOf } from './delegationSupport';
import { subnetRole } from '../addressPlan/planSubnetPrefixes';

/**
 * The resource group and name ARM gives the VNet it manages inside a Virtual WAN hub: a spoke
 * connected to a hub shows a peering to `.../resourceGroups/RG_<hub>_<id>/.../virtualNetworks/HV_<hub>_<id>`.
 */
const VIRTUAL_HUB_VNET =
  /\/resourcegroups\/rg_[^/]+\/providers\/microsoft\.network\/virtualnetworks\/hv_[^/]+$/;

function virtualWanBlocker(vnet: VnetInfo): Finding | undefined {
  const peering = vnet.peerings.find((p) => p.remoteKey !== undefined && VIRTUAL_HUB_VNET.test(p.remoteKey));
  if (!peering) return undefined;
  return {
    code: 'VirtualWanHubConnected',
    resourceId: vnet.resource.id,
    message: `${vnet.resource.name} is connected to a Virtual WAN hub (peering ${peering.name}): Virtual WAN carries IPv4 only, and ExpressRoute IPv6 doesn't work through it`,
    fix: 'Move the VNet to a self-managed hub-and-spoke topology for IPv6 (peer it with the hub instead of the Virtual WAN hub), or exclude it with the exclusion tag.',
  };
}

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
    for (const { service, support } of delegationsOf(s.body)) {
      if (support === 'forbids')
        blockers.push({
          code: 'DelegationForbidsIpv6',
          resourceId: s.id,
          message: `subnet ${s.name} is delegated to ${service}, which doesn't support IPv6 in its subnet`,
          fix: 'Move the delegated service to a subnet of another VNet, or exclude the VNet with the exclusion tag.',
        });
    }
  }
  const wan = virtualWanBlocker(vnet);
  if (wan) blockers.push(wan);
  return blockers;
}
