import type { RunPlan } from '../activities/RunPlan';
import type { VnetSummary } from './migrateEstate';

/** Each VNet of a plan as a run starts it: pending, or noChanges when it has no step (hub-side syncs count). */
export function initialVnetSummaries(plan: Pick<RunPlan, 'vnets' | 'steps'>): VnetSummary[] {
  const total = new Map<string, number>();
  for (const s of plan.steps) if (s.vnetId !== undefined) total.set(s.vnetId, (total.get(s.vnetId) ?? 0) + 1);
  return plan.vnets.map((v) => {
    const stepsTotal = total.get(v.vnetId) ?? 0;
    return {
      vnetId: v.vnetId,
      role: v.role,
      state: stepsTotal === 0 ? 'noChanges' : 'pending',
      stepsTotal,
      ...(v.ipv6Prefix ? { ipv6Prefix: v.ipv6Prefix } : {}),
      ...(v.ipv6Prefix && v.ipv6Existing ? { ipv6Existing: true as const } : {}),
    };
  });
}
