import type { StateStore, StoredRecord } from '../devhost/StateStore';

export interface HistorySize {
  instanceId: string;
  name: string;
  events: number;
  /** the history's JSON, as the extension would store it */
  bytes: number;
}

const HISTORY = '"history":[';
/** Every event's JSON starts so; inside a string value the quotes are escaped, so it matches events only. */
const EVENT = /\{"EventType":/g;

/**
 * The bench's store: it stands for Azure Storage, which keeps histories outside the
 * app's process, so it keeps none, only the size of each instance's largest saved
 * history (an execution's history only grows, and continue-as-new starts a new one,
 * so that is the largest history the instance ever replayed). Peak RSS then is the
 * app's own. Nothing can be resumed from it or read back.
 */
export class HistoryMeter implements StateStore {
  readonly #largest = new Map<string, HistorySize>();

  loadAll(): Promise<StoredRecord[]> {
    return Promise.resolve([]);
  }

  save(instanceId: string, json: string): Promise<void> {
    // recordJson writes the history last: `..."history":[...]}`.
    const at = json.lastIndexOf(HISTORY);
    if (at < 0) return Promise.resolve();
    const bytes = json.length - at - HISTORY.length;
    if (bytes <= (this.#largest.get(instanceId)?.bytes ?? -1)) return Promise.resolve();
    // A regex capture is a slice of the whole record's JSON and would keep it alive: copied.
    const name = [...(/"name":"([^"]*)"/.exec(json.slice(0, 1_000))?.[1] ?? '')].join('');
    const events = json.slice(at).match(EVENT)?.length ?? 0;
    this.#largest.set(instanceId, { instanceId, name, events, bytes });
    return Promise.resolve();
  }

  remove(instanceId: string): Promise<void> {
    this.#largest.delete(instanceId);
    return Promise.resolve();
  }

  /** The largest history of each orchestrator function, by bytes (or by events), largest first. */
  largestByName(by: 'bytes' | 'events' = 'bytes'): HistorySize[] {
    const largest = new Map<string, HistorySize>();
    for (const size of this.#largest.values())
      if (size[by] > (largest.get(size.name)?.[by] ?? -1)) largest.set(size.name, size);
    return [...largest.values()].sort((a, b) => b[by] - a[by]);
  }
}
