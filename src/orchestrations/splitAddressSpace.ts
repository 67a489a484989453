import type { RunStep } from '../activities/RunPlan';

export interface AddressSpaceSplit {
  /** the VNet's own steps the hub-side writes wait for (its address space), first */
  addressSpace: RunStep[];
  /** everything else the VNet's migration does */
  rest: RunStep[];
}

/**
 * Splits a spoke's steps so that the hub-side peering sync, which waits only for
 * the spoke's address space, can start as soon as that one write lands instead of
 * after the spoke's NICs, load balancers and routes. The hub's writes are the
 * run's bottleneck (one at a time), so feeding it early is what shortens a run.
 * Returns no split when the hub-side steps need nothing of this VNet's.
 */
export function splitAddressSpace(
  steps: readonly RunStep[],
  hubSideSteps: readonly Pick<RunStep, 'dependsOn'>[],
): AddressSpaceSplit | undefined {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const needed = new Set<string>();
  const visit = (id: string): void => {
    const step = byId.get(id);
    if (!step || needed.has(id)) return;
    needed.add(id);
    for (const d of step.dependsOn) visit(d);
  };
  for (const s of hubSideSteps) for (const d of s.dependsOn) visit(d);
  if (needed.size === 0 || needed.size === steps.length) return undefined;
  return {
    addressSpace: steps.filter((s) => needed.has(s.id)),
    rest: steps.filter((s) => !needed.has(s.id)),
  };
}
