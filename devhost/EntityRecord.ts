/** An operation request sent to an entity (by an orchestration, another entity or the client). */
export interface EntityRequest {
  /** Request id: the orchestration awaits an EventRaised of this name for the response. */
  readonly id: string;
  readonly operation: string;
  /** JSON text of the operation input. */
  readonly input?: string;
  readonly signal: boolean;
  /** Where a call's response goes; absent for signals. */
  readonly parent?: { readonly instanceId: string; readonly executionId: string };
}

/** The payload the extension raises back to a calling orchestration (durable-functions' ResponseMessage). */
export interface EntityResponse {
  result?: string;
  exceptionType?: string;
}

/** One entity as persisted: its state and the requests not yet processed. */
export interface EntityRecord {
  readonly kind: 'entity';
  /** Scheduler id, `@<name lowercased>@<key>`, as durable-functions' EntityId.getSchedulerIdFromEntityId. */
  readonly entityId: string;
  readonly name: string;
  readonly key: string;
  exists: boolean;
  /** JSON text of the state. */
  state?: string;
  queue: EntityRequest[];
  /** Ids of recently processed requests with their responses, so a request sent twice runs once. */
  processed: Record<string, EntityResponse>;
  processedOrder: string[];
}
