import type { RunStep } from '../activities/RunPlan';

/**
 * Steps in waves: a step's wave is one past its deepest dependency's, so every wave depends
 * only on the waves before it. Steps must come after their dependencies (plans are ordered);
 * dependencies outside `steps` are ignored.
 */
export function dependencyWaves(steps: readonly RunStep[]): RunStep[][] {
  const depth = new Map<string, number>();
  const waves: RunStep[][] = [];
  for (const step of steps) {
    let d = 0;
    for (const dep of step.dependsOn) {
      const at = depth.get(dep);
      if (at !== undefined && at + 1 > d) d = at + 1;
    }
    depth.set(step.id, d);
    (waves[d] ??= []).push(step);
  }
  return waves;
}

/**
 * A wave cut into groups of about `size` steps for sub-orchestrations, keeping each VNet's steps
 * together: runSteps keeps writes on one VNet apart only within one group, and Azure refuses a
 * second write on a VNet it is updating.
 */
export function groupsOf(wave: readonly RunStep[], size: number): RunStep[][] {
  const byOwner = stepsByOwner(wave);
  const groups: RunStep[][] = [];
  let current: RunStep[] = [];
  for (const list of byOwner.values()) {
    if (current.length > 0 && current.length + list.length > size) {
      groups.push(current);
      current = [];
    }
    current.push(...list);
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/** Steps by the lower-cased id of the VNet that runs them (the first VNet served, for shared ones). */
export function stepsByOwner(steps: readonly RunStep[]): Map<string, RunStep[]> {
  const byOwner = new Map<string, RunStep[]>();
  for (const step of steps) {
    const owner = (step.vnetId ?? step.vnetIds[0] ?? '').toLowerCase();
    const list = byOwner.get(owner);
    if (list) list.push(step);
    else byOwner.set(owner, [step]);
  }
  return byOwner;
}
