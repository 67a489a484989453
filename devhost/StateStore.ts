import type { InstanceRecord } from './InstanceRecord';

/** Where the host keeps each instance: its status, current execution's history and undelivered events. */
export interface StateStore {
  loadAll(): Promise<InstanceRecord[]>;
  /** `json` is the serialised record; stores write it as one unit so a kill never leaves half a record. */
  save(instanceId: string, json: string): Promise<void>;
  remove(instanceId: string): Promise<void>;
}
