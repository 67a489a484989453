import type { ArmResource } from '../src/arm/ArmResource';
import { parseResourceId } from '../src/arm/resourceId';
import { CliError } from './CliError';

/**
 * The default configuration for an estate given without one: the hub is the VNet
 * with the most peerings (ties broken by id, so the choice is stable) and the
 * scope is every subscription the estate spans.
 */
export function defaultConfigFor(topology: readonly ArmResource[]): {
  hubVnetId: string;
  scope: { subscriptions: string[] };
} {
  const vnets = topology
    .filter((r) => r.type.toLowerCase() === 'microsoft.network/virtualnetworks')
    .map((v) => ({
      id: v.id,
      peerings: ((v.properties?.virtualNetworkPeerings as unknown[] | undefined) ?? []).length,
    }))
    .sort((a, b) => b.peerings - a.peerings || a.id.localeCompare(b.id));
  const hub = vnets[0];
  if (!hub) throw new CliError('--topology: no virtual network in it, so there is no hub to migrate');
  const subscriptions = [
    ...new Set(topology.map((r) => parseResourceId(r.id)?.subscriptionId).filter((s): s is string => !!s)),
  ].sort();
  return { hubVnetId: hub.id, scope: { subscriptions } };
}
