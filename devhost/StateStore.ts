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
}
