import type { PlanStep, StepKind } from './Plan';

const KIND_RANK: Record<StepKind, number> = {
  virtualNetwork: 0,
  loadBalancer: 1,
  networkInterface: 2,
  routeTable: 3,
  networkSecurityGroup: 4,
  expressRouteCircuitPeering: 5,
  peeringSync: 6,
};

/** Min-heap of step positions in `rank` order. */
class Heap {
  private readonly items: number[] = [];

  constructor(private readonly less: (a: number, b: number) => boolean) {}

  get size(): number {
    return this.items.length;
  }

  push(item: number): void {
    const a = this.items;
    a.push(item);
    for (let i = a.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (!this.less(a[i] ?? 0, a[parent] ?? 0)) break;
      [a[i], a[parent]] = [a[parent] ?? 0, a[i] ?? 0];
      i = parent;
    }
  }

  pop(): number | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last !== undefined) {
      a[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.less(a[l] ?? 0, a[m] ?? 0)) m = l;
        if (r < a.length && this.less(a[r] ?? 0, a[m] ?? 0)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m] ?? 0, a[i] ?? 0];
        i = m;
      }
    }
    return top;
  }
}

/**
 * A topological order that reads like a runbook: the hub's steps, then each spoke's in turn
 * (VNet, load balancers, NICs, route tables, NSGs, peering syncs), shared resources right
 * after the last VNet they serve; within that, the order the steps were generated in. Kahn's algorithm with a heap on that rank: every step
 * still comes after its dependencies. Dependencies on steps not in the plan are dropped.
 * `vnetOrder` maps lower-cased VNet ids to their position (hub 0). O((steps + edges) log steps).
 */
export function orderSteps(steps: PlanStep[], vnetOrder: Map<string, number>): PlanStep[] {
  const position = new Map(steps.map((s, i) => [s.id, i]));
  const ownerRank = steps.map((s) => {
    if (s.vnetId) return (vnetOrder.get(s.vnetId.toLowerCase()) ?? 0) * 2;
    return Math.max(0, ...s.vnetIds.map((v) => vnetOrder.get(v.toLowerCase()) ?? 0)) * 2 + 1;
  });
  // One sort up front turns (owner, kind, generation order) into an integer rank the heap
  // compares cheaply. Generation order is deterministic (builders walk sorted or input order).
  const byRank = steps.map((_, i) => i);
  const kindRank = steps.map((s) => KIND_RANK[s.kind]);
  byRank.sort(
    (a, b) => (ownerRank[a] ?? 0) - (ownerRank[b] ?? 0) || (kindRank[a] ?? 0) - (kindRank[b] ?? 0) || a - b,
  );
  const rank = new Int32Array(steps.length);
  byRank.forEach((stepIndex, r) => {
    rank[stepIndex] = r;
  });
  const less = (a: number, b: number): boolean => (rank[a] ?? 0) < (rank[b] ?? 0);
  const waiting = new Array<number>(steps.length).fill(0);
  const dependents: number[][] = steps.map(() => []);
  steps.forEach((s, i) => {
    s.dependsOn = s.dependsOn.filter((d) => position.has(d));
    waiting[i] = s.dependsOn.length;
    for (const d of s.dependsOn) dependents[position.get(d) ?? 0]?.push(i);
  });
  const heap = new Heap(less);
  steps.forEach((_, i) => {
    if (waiting[i] === 0) heap.push(i);
  });
  const ordered: PlanStep[] = [];
  while (heap.size > 0) {
    const i = heap.pop() ?? 0;
    const step = steps[i];
    if (step) ordered.push(step);
    for (const next of dependents[i] ?? []) {
      waiting[next] = (waiting[next] ?? 0) - 1;
      if (waiting[next] === 0) heap.push(next);
    }
  }
  if (ordered.length !== steps.length) {
    const stuck = steps.filter((_, i) => (waiting[i] ?? 0) > 0).map((s) => s.id);
    throw new Error(`planner bug: dependency cycle among ${stuck.slice(0, 5).join(', ')}`);
  }
  return ordered;
}
