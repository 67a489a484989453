import type { VnetPlan } from '../planner/Plan';
import type { RolloutSettings } from './migrateEstate';

/**
 * The spokes that go first: the ones named, in the order named (a named spoke with
 * nothing to change has nothing to prove), or else the first few in plan order.
 */
export function canariesOf(spokes: VnetPlan[], rollout: RolloutSettings): VnetPlan[] {
  if (!rollout.canaryVnetIds) return spokes.slice(0, Math.max(0, rollout.canarySpokes));
  const byId = new Map(spokes.map((s) => [s.vnetId.toLowerCase(), s]));
  return rollout.canaryVnetIds.flatMap((id) => byId.get(id.toLowerCase()) ?? []);
}
