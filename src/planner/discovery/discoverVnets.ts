import type { ArmResource } from '../../arm/ArmResource';
import { equalsIgnoreCase } from '../equalsIgnoreCase';
import { keyOf } from '../ids';
import { parseResourceId } from '../../arm/resourceId';
import type { DualStackConfig } from '../config/DualStackConfig';
import { PlanInputError } from '../PlanInputError';
import type { EstateIndex, VnetInfo } from './EstateIndex';

export interface DiscoveredVnets {
  hub: VnetInfo;
  /** sorted by lower-cased id */
  spokes: VnetInfo[];
  /** in scope and peered with the hub, but carrying the exclusion tag */
  excluded: VnetInfo[];
}

export function isExcluded(resource: ArmResource, exclusionTag: string): boolean {
  const tags = resource.tags;
  if (!tags) return false;
  // Azure tag names are case-insensitive.
  return Object.keys(tags).some((k) => equalsIgnoreCase(k, exclusionTag));
}

export function inScope(id: string, scope: DualStackConfig['scope']): boolean {
  const parsed = parseResourceId(id);
  if (!parsed) return false;
  const sub = parsed.subscriptionId.toLowerCase();
  if (!scope.subscriptions.some((s) => s.toLowerCase() === sub)) return false;
  if (!scope.resourceGroups || scope.resourceGroups.length === 0) return true;
  const rg = parsed.resourceGroup.toLowerCase();
  const rgId = `/subscriptions/${sub}/resourcegroups/${rg}`;
  return scope.resourceGroups.some((entry) =>
    entry.startsWith('/') ? keyOf(entry) === rgId : entry.toLowerCase() === rg,
  );
}

/** The hub is the configured VNet; a spoke is a VNet in scope, peered with the hub in either direction, not excluded. */
export function discoverVnets(index: EstateIndex, config: DualStackConfig): DiscoveredVnets {
  const hubKey = keyOf(config.hubVnetId);
  const hub = index.vnets.get(hubKey);
  if (!hub)
    throw new PlanInputError([`hubVnetId: ${config.hubVnetId} is not among the observed virtual networks`]);
  const peered = new Set<string>();
  for (const p of hub.peerings) if (p.remoteKey) peered.add(p.remoteKey);
  for (const vnet of index.vnets.values())
    if (vnet.key !== hubKey && vnet.peerings.some((p) => p.remoteKey === hubKey)) peered.add(vnet.key);
  const spokes: VnetInfo[] = [];
  const excluded: VnetInfo[] = [];
  for (const key of [...peered].sort()) {
    const vnet = index.vnets.get(key);
    if (!vnet || !inScope(vnet.resource.id, config.scope)) continue;
    (isExcluded(vnet.resource, config.exclusionTag) ? excluded : spokes).push(vnet);
  }
  return { hub, spokes, excluded };
}
