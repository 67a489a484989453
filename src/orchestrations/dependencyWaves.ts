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
 * The steps as waves of step groups, for sub-orchestrations: each dependency wave cut into groups
 * of about `size` steps, each VNet's steps together. A VNet with more steps in a wave than `size`
 * (the hub's peering syncs: one per spoke) has them cut into chunks that run one after another,
 * each in a wave of its own, as Azure takes one write at a time on a VNet anyway: no group, and
 * so no group's history, grows with the estate. Steps of one dependency wave never depend on each
 * other, so any order among them is safe.
 */
export function stepGroupWaves(steps: readonly RunStep[], size: number): RunStep[][][] {
  const limit = Math.max(1, size);
  const waves: RunStep[][][] = [];
  for (const wave of dependencyWaves(steps)) {
    // rounds[k]: the k-th chunk of every VNet that has one
    const rounds: RunStep[][][] = [];
    for (const list of stepsByOwner(wave).values())
      for (let at = 0; at < list.length; at += limit)
        (rounds[at / limit] ??= []).push(list.slice(at, at + limit));
    for (const chunks of rounds) waves.push(packGroups(chunks, limit));
  }
  return waves;
}

/** Packs lists of steps that must stay together into groups of about `size` steps. */
function packGroups(lists: Iterable<RunStep[]>, size: number): RunStep[][] {
  const groups: RunStep[][] = [];
  let current: RunStep[] = [];
  for (const list of lists) {
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
