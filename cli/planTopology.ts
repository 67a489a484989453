import type { ArmResource } from '../src/arm/ArmResource';
import { listNetworkOffline } from '../src/azure/listNetwork';
import { parseConfig } from '../src/planner/config/parseConfig';
import type { Plan } from '../src/planner/Plan';
import { ipamPoolStateFromResources } from '../src/planner/ipam/IpamPoolState';
import { planDualStack } from '../src/planner/planDualStack';
import { CliError } from './CliError';

/**
 * The plan a run would make of an exported estate, offline: what listing it would observe (the
 * types Dualstack lists, in the configured scope), then the product's pure planner. No
 * reservations are held offline, so new /56s are chosen as for a first run; with an IPAM pool, the
 * pool and its static CIDRs are read from the file.
 */
export function planTopology(topology: readonly ArmResource[], config: Record<string, unknown>): Plan {
  const parsed = parseConfig(config);
  let observed: ArmResource[];
  try {
    observed = listNetworkOffline(topology, parsed.scope.subscriptions, parsed.scope.resourceGroups);
  } catch (error) {
    if (error instanceof TypeError)
      throw new CliError(`--config: scope.${error.message.replace(/^subscriptionIds/, 'subscriptions')}`);
    throw error;
  }
  // The pool may live outside the scope (a platform team's network manager): read it off the whole file.
  const poolId = parsed.ipamPoolId;
  return planDualStack(
    observed,
    parsed,
    [],
    poolId !== undefined ? { ipam: ipamPoolStateFromResources(poolId, topology) } : {},
  );
}
