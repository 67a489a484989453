import type { ArmResource } from '../src/arm/ArmResource';
import type { ThrottleStats } from './core/Throttle';

/** Operation classes that latency, faults and throttling are set for. */
export type OperationKind = 'read' | 'write' | 'delete' | 'list' | 'action';

export interface FaultRule {
  /** Which requests: an operation kind, optionally narrowed to a resource type (case-insensitive, e.g. 'Microsoft.Network/networkInterfaces'). */
  operation: OperationKind;
  resourceType?: string;
  /** Probability in [0, 1]; drawn from the emulator's seeded generator. */
  probability: number;
  /** 'http500' | 'http503' | 'http429' answer at once; 'lroFailed' accepts the write and ends its operation Failed; 'drop' destroys the socket. */
  fault: 'http500' | 'http503' | 'http429' | 'lroFailed' | 'drop';
}

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Resources to seed, as ARM GET returns them. Resource groups are created for every group named. */
  topology?: ArmResource[];
  /** Multiplies every latency and throttle refill period. 0 makes writes finish at once. Default 0.001. */
  timeScale?: number;
  /** Unscaled long-running-operation latency in ms per resource type (lower-case type), with a default. */
  latencyMs?: Record<string, number>;
  /** Page size for list operations. Default 100. */
  pageSize?: number;
  faults?: FaultRule[];
  /** Seed for the fault generator. */
  seed?: number;
  /** principalId -> allowed actions (wildcards as in role definitions). Absent: everyone may do everything. */
  rbac?: Record<string, string[]>;
  /** Disable throttling (default on, scaled by timeScale). */
  throttling?: boolean;
  /** Webhook URLs that receive Event Grid events for every successful write and delete. */
  eventWebhooks?: string[];
}

export interface WriteLogEntry {
  method: 'PUT' | 'DELETE' | 'POST' | 'PATCH';
  resourceId: string;
  /** ms since the emulator started, on the emulator's clock */
  startedAt: number;
  /** when the long-running operation finished (Succeeded or Failed) */
  finishedAt?: number;
  /** how the write's long-running operation ended (absent for a write ARM refused or answered at once) */
  operationStatus?: 'Succeeded' | 'Failed';
  status: number;
  principalId: string;
}

/** An Event Grid event (Event Grid schema) as delivered to subscribers. */
export interface EmittedEvent {
  id: string;
  topic: string;
  subject: string;
  eventType: 'Microsoft.Resources.ResourceWriteSuccess' | 'Microsoft.Resources.ResourceDeleteSuccess';
  eventTime: string;
  data: Record<string, unknown>;
  dataVersion: string;
  metadataVersion: '1';
}

export interface EmulatorHandle {
  /** https://127.0.0.1:<port> */
  readonly endpoint: string;
  /** PEM of the self-signed certificate; pass as `tlsOptions: { ca }`. */
  readonly ca: string;
  readonly port: number;
  stop(): Promise<void>;
  /** Snapshot of every stored resource (subnets etc. inline in their parents, as ARM GET returns them). */
  dump(): ArmResource[];
  load(resources: ArmResource[]): void;
  writeLog(): readonly WriteLogEntry[];
  clearWriteLog(): void;
  /** 429s from ARM's limits (not injected faults) since start */
  throttleStats(): ThrottleStats;
  setFaults(faults: FaultRule[]): void;
  setRbac(rbac: Record<string, string[]> | undefined): void;
  /** In-process listener for emitted events; returns an unsubscribe function. */
  onEvent(listener: (event: EmittedEvent) => void): () => void;
}
