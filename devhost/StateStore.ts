import type { EntityRecord } from './EntityRecord';
import type { InstanceRecord } from './InstanceRecord';

/** Orchestration instances, and entities (`kind: 'entity'`). */
export type StoredRecord = InstanceRecord | EntityRecord;

/** Where the host keeps each instance (and entity): its status, current execution's history and undelivered events. */
export interface StateStore {
  loadAll(): Promise<StoredRecord[]>;
  /** `json` is the serialised record; stores write it as one unit so a kill never leaves half a record. */
  save(instanceId: string, json: string): Promise<void>;
  remove(instanceId: string): Promise<void>;
  /**
   * One record as last saved. The host reads a finished instance's history back from here
   * when asked for it, instead of keeping every finished history in memory. A store without
   * it (a meter that keeps only sizes) cannot answer for a finished instance's history.
   */
  load?(instanceId: string): Promise<StoredRecord | undefined>;
}
