import { MemoryStateStore } from '../devhost/MemoryStateStore';
import type { StateStore, StoredRecord } from '../devhost/StateStore';

export interface HistorySize {
  instanceId: string;
  name: string;
  events: number;
  /** the history's JSON, as the extension would store it */
  bytes: number;
}

/**
 * The local host's store, remembering each instance's largest saved record: an
 * execution's history only grows, and continue-as-new starts a new one, so the
 * largest record is the largest history the instance ever replayed.
 */
export class HistoryMeter implements StateStore {
  readonly #inner = new MemoryStateStore();
  readonly #largest = new Map<string, string>();

  loadAll(): Promise<StoredRecord[]> {
    return this.#inner.loadAll();
  }

  save(instanceId: string, json: string): Promise<void> {
    if (json.length > (this.#largest.get(instanceId)?.length ?? 0)) this.#largest.set(instanceId, json);
    return this.#inner.save(instanceId, json);
  }

  remove(instanceId: string): Promise<void> {
    return this.#inner.remove(instanceId);
  }

  /** The largest history of each orchestrator function, by bytes. */
  largestByName(): HistorySize[] {
    const largest = new Map<string, HistorySize>();
    for (const json of this.#largest.values()) {
      const record = JSON.parse(json) as StoredRecord;
      if (!('history' in record)) continue;
      const { instanceId, name, history } = record;
      const size = { instanceId, name, events: history.length, bytes: JSON.stringify(history).length };
      if (size.bytes > (largest.get(name)?.bytes ?? -1)) largest.set(name, size);
    }
    return [...largest.values()].sort((a, b) => b.bytes - a.bytes);
  }
}
