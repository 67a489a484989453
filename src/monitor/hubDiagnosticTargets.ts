import type { ArmResource } from '../arm/ArmResource';
import { idKey, parentResourceId, sameId } from '../arm/resourceId';

/** Types that get the hub diagnostic setting when they sit in the hub VNet. */
export const HUB_DIAGNOSTIC_TYPES = [
  'Microsoft.Network/azureFirewalls',
  'Microsoft.Network/virtualNetworkGateways',
  'Microsoft.Network/loadBalancers',
] as const;

function collectIds(value: unknown, out: string[]): void {
  if (Array.isArray(value)) {
    for (const v of value) collectIds(v, out);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, v] of Object.entries(value)) {
      if (key === 'id' && typeof v === 'string') out.push(v);
      else collectIds(v, out);
    }
  }
}

/**
 * The resource ids that should send diagnostics, as the Microsoft guide has it
 * for the hub: its firewall, VPN and ExpressRoute gateways, the NVA load
 * balancer (found by a subnet of the hub VNet in their ip configurations) and
 * the public IPs those and the hub's other services (Bastion) use. Sorted, for
 * a stable order of writes.
 */
export function hubDiagnosticTargets(hubVnetId: string, resources: readonly ArmResource[]): string[] {
  const targets = new Map<string, string>();
  const publicIps = new Map(
    resources
      .filter((r) => r.type.toLowerCase() === 'microsoft.network/publicipaddresses')
      .map((r) => [idKey(r.id), r.id]),
  );
  for (const resource of resources) {
    const refs: string[] = [];
    collectIds(resource.properties, refs);
    const inHub = refs.some((id) => /\/subnets\//i.test(id) && sameId(parentResourceId(id), hubVnetId));
    if (!inHub) continue;
    if (HUB_DIAGNOSTIC_TYPES.some((t) => t.toLowerCase() === resource.type.toLowerCase())) {
      targets.set(idKey(resource.id), resource.id);
    }
    for (const ref of refs) {
      const pip = publicIps.get(idKey(ref));
      if (pip) targets.set(idKey(pip), pip);
    }
  }
  return [...targets.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, id]) => id);
}
