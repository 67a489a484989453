import type { PlanStep, StepKind } from './Plan';

const KIND_RANK: Record<StepKind, number> = {
  // the allocation of a VNet's block, before the VNet PUT that adds it
  ipamStaticCidr: 0,
  virtualNetwork: 1,
  // before the load balancers and NICs that use them
  publicIPAddress: 2,
  loadBalancer: 3,
  networkInterface: 4,
  routeTable: 5,
  networkSecurityGroup: 6,
  expressRouteCircuitPeering: 7,
  privateDnsRecordSet: 8,
  avnmRoutingRule: 9,
  avnmSecurityAdminRule: 10,
  avnmCommit: 11,
  peeringSync: 12,
};
const KINDS = 13;

/** Min-heap of non-negative integers. */
class Heap {
  private readonly items: number[] = [];

  get size(): number {
    return this.items.length;
  }

  push(item: number): void {
    const a = this.items;
    let i = a.length;
    a.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const above = a[parent] ?? 0;
      if (above <= item) break;
      a[i] = above;
      i = parent;
    }
    a[i] = item;
  }

  pop(): number | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length === 0 || last === undefined) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= a.length) break;
      const r = l + 1;
      const m = r < a.length && (a[r] ?? 0) < (a[l] ?? 0) ? r : l;
      const child = a[m] ?? 0;
      if (child >= last) break;
      a[i] = child;
      i = m;
    }
    a[i] = last;
    return top;
  }
}

/**
 * Each step's place in the runbook: (owner, kind, generation order) folded into one number,
 * sorted natively, so the heap below compares integers. Generation order is deterministic
 * (builders walk sorted or input order).
 */
function runbookOrder(steps: PlanStep[], vnetOrder: Map<string, number>): Int32Array {
  // Every step of a VNet names it by the same id string: look each one up once.
  const byId = new Map<string, number>();
  const vnetRank = (id: string): number => {
    let r = byId.get(id);
    if (r === undefined) byId.set(id, (r = vnetOrder.get(id.toLowerCase()) ?? 0));
    return r;
  };
  const n = steps.length;
  const keys = new Float64Array(n);
  steps.forEach((s, i) => {
    let owner: number;
    if (s.vnetId) owner = vnetRank(s.vnetId) * 2;
    else {
      let last = 0;
      for (const v of s.vnetIds) last = Math.max(last, vnetRank(v));
      owner = last * 2 + 1;
    }
    keys[i] = (owner * KINDS + KIND_RANK[s.kind]) * n + i;
  });
  keys.sort();
  const order = new Int32Array(n);
  keys.forEach((key, r) => {
    order[r] = key % n;
  });
  return order;
}

/**
 * Each step that some dependency could name, by id. Ids are `${kind}:…` (see PlanStep.id), so
 * only steps of a kind some dependency starts with are entered: most steps (NICs, route
 * tables) are depended on by none, and hashing all 78,000 ids of a 5,000-spoke plan costs
 * more than the rest of the ordering.
 */
function positions(steps: PlanStep[]): Map<string, number> {
  const kinds = new Set<string>();
  // Dependencies are few distinct strings, each shared by many steps: hashed once, sliced once.
  const named = new Set<string>();
  let previous: string[] | undefined;
  for (const s of steps) {
    if (s.dependsOn === previous) continue;
    previous = s.dependsOn;
    for (const d of s.dependsOn)
      if (!named.has(d)) {
        named.add(d);
        kinds.add(d.slice(0, d.indexOf(':')));
      }
  }
  const position = new Map<string, number>();
  steps.forEach((s, i) => {
    if (kinds.has(s.kind)) position.set(s.id, i);
  });
  return position;
}

/**
 * A topological order that reads like a runbook: the hub's steps, then each spoke's in turn
 * (VNet, load balancers, NICs, route tables, NSGs, peering syncs), shared resources right
 * after the last VNet they serve; within that, the order the steps were generated in. Kahn's algorithm with a heap on that rank: every step
 * still comes after its dependencies. Dependencies on steps not in the plan are dropped.
 * `vnetOrder` maps lower-cased VNet ids to their position (hub 0). O((steps + edges) log steps).
 */
export function orderSteps(steps: PlanStep[], vnetOrder: Map<string, number>): PlanStep[] {
  const n = steps.length;
  const position = positions(steps);
  const order = runbookOrder(steps, vnetOrder);
  const rank = new Int32Array(n);
  order.forEach((stepIndex, r) => {
    rank[stepIndex] = r;
  });
  // Each dependency's position, looked up once (steps not in the plan dropped): step i's are
  // deps[from[i]] .. deps[from[i + 1] - 1].
  const from = new Int32Array(n + 1);
  const deps: number[] = [];
  // Neighbouring steps often share one dependency list (see addStep): resolved once.
  let given: string[] | undefined;
  let ats: number[] = [];
  let kept: string[] | undefined;
  // Whether every dependency already ranks before its dependent, as it does unless a shared
  // load balancer's pool has members in a spoke that comes before the LB's last VNet.
  let ranked = true;
  steps.forEach((s, i) => {
    from[i] = deps.length;
    if (s.dependsOn !== given) {
      given = s.dependsOn;
      ats = [];
      kept = undefined;
      for (const [j, d] of given.entries()) {
        const at = position.get(d);
        if (at === undefined) kept ??= given.slice(0, j);
        else {
          ats.push(at);
          kept?.push(d);
        }
      }
    }
    const own = rank[i] ?? 0;
    for (const at of ats) {
      deps.push(at);
      if ((rank[at] ?? 0) >= own) ranked = false;
    }
    if (kept) s.dependsOn = kept;
  });
  from[n] = deps.length;
  // Then the runbook order is the topological order Kahn's algorithm would find (the next step
  // by rank is always ready), and the heap below has nothing to decide.
  if (ranked) return Array.from(order, (i) => steps[i] as PlanStep);
  // Dependents as one flat list per step (offsets into `edges`), not an array per step.
  const waiting = new Int32Array(n);
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) waiting[i] = (from[i + 1] ?? 0) - (from[i] ?? 0);
  for (const at of deps) offsets[at + 1] = (offsets[at + 1] ?? 0) + 1;
  for (let i = 0; i < n; i++) offsets[i + 1] = (offsets[i + 1] ?? 0) + (offsets[i] ?? 0);
  const fill = offsets.slice(0, n);
  const edges = new Int32Array(offsets[n] ?? 0);
  for (let i = 0; i < n; i++)
    for (let k = from[i] ?? 0; k < (from[i + 1] ?? 0); k++) {
      const at = deps[k] ?? 0;
      const slot = fill[at] ?? 0;
      edges[slot] = i;
      fill[at] = slot + 1;
    }
  const heap = new Heap();
  for (let i = 0; i < n; i++) if (waiting[i] === 0) heap.push(rank[i] ?? 0);
  const ordered: PlanStep[] = [];
  while (heap.size > 0) {
    const i = order[heap.pop() ?? 0] ?? 0;
    const step = steps[i];
    if (step) ordered.push(step);
    for (let e = offsets[i] ?? 0; e < (offsets[i + 1] ?? 0); e++) {
      const next = edges[e] ?? 0;
      const left = (waiting[next] ?? 0) - 1;
      waiting[next] = left;
      if (left === 0) heap.push(rank[next] ?? 0);
    }
  }
  if (ordered.length !== n) {
    const stuck = steps.filter((_, i) => (waiting[i] ?? 0) > 0).map((s) => s.id);
    throw new Error(`planner bug: dependency cycle among ${stuck.slice(0, 5).join(', ')}`);
  }
  return ordered;
}
