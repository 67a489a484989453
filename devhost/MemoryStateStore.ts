import type { StateStore, StoredRecord } from './StateStore';

/** Keeps serialised records in memory; share one between two hosts to simulate a restart in a test. */
export class MemoryStateStore implements StateStore {
  readonly #records = new Map<string, string>();

  loadAll(): Promise<StoredRecord[]> {
    return Promise.resolve([...this.#records.values()].map((json) => JSON.parse(json) as StoredRecord));
  }

  save(instanceId: string, json: string): Promise<void> {
    this.#records.set(instanceId, json);
    return Promise.resolve();
  }

  load(instanceId: string): Promise<StoredRecord | undefined> {
    const json = this.#records.get(instanceId);
    return Promise.resolve(json === undefined ? undefined : (JSON.parse(json) as StoredRecord));
  }

  remove(instanceId: string): Promise<void> {
    this.#records.delete(instanceId);
    return Promise.resolve();
  }
}
