import type { DurableOrchestrationStatus } from 'durable-functions';
import type { EstateStatus, VnetSummary } from '../src/orchestrations/migrateEstate';
import type { VnetProgress } from '../src/orchestrations/migrateVnet';
import type { RunProgress } from './ProgressDisplay';

const FINISHED = new Set<VnetSummary['state']>(['succeeded', 'failed', 'skipped', 'noChanges']);

/**
 * A run's progress read off the durable statuses as they change: the parent's per-VNet states and
 * step totals, and each VNet sub-orchestration's live step count (its parts each report the steps
 * done so far for their VNet, so the largest is the VNet's).
 */
export class RunProgressTracker {
  readonly #runId: string;
  readonly #writes: () => number;
  readonly #vnets = new Map<string, VnetSummary>();
  readonly #stepsDone = new Map<string, number>();

  constructor(runId: string, writes: () => number) {
    this.#runId = runId;
    this.#writes = writes;
  }

  /** Takes one status change; returns the VNets whose state it changed. */
  observe(status: DurableOrchestrationStatus): VnetSummary[] {
    if (status.instanceId === this.#runId) {
      const changed: VnetSummary[] = [];
      for (const v of (status.customStatus as EstateStatus | undefined)?.vnets ?? []) {
        const key = v.vnetId.toLowerCase();
        if (this.#vnets.get(key)?.state !== v.state) changed.push(v);
        this.#vnets.set(key, v);
      }
      return changed;
    }
    if (!status.instanceId.startsWith(`${this.#runId}-`)) return [];
    const p = status.customStatus as Partial<VnetProgress> | undefined;
    if (typeof p?.vnetId === 'string' && typeof p.stepsDone === 'number') {
      const key = p.vnetId.toLowerCase();
      this.#stepsDone.set(key, Math.max(this.#stepsDone.get(key) ?? 0, p.stepsDone));
    }
    return [];
  }

  read(): RunProgress {
    const p: RunProgress = {
      vnetsDone: 0,
      vnetsTotal: 0,
      stepsDone: 0,
      stepsTotal: 0,
      writes: this.#writes(),
    };
    for (const [key, v] of this.#vnets) {
      const finished = FINISHED.has(v.state);
      p.vnetsTotal++;
      p.stepsTotal += v.stepsTotal;
      if (finished) p.vnetsDone++;
      p.stepsDone += finished ? v.stepsTotal : Math.min(v.stepsTotal, this.#stepsDone.get(key) ?? 0);
    }
    return p;
  }
}
