export { LocalDurableHost } from './LocalDurableHost';
export type {
  HostLogger,
  LocalDurableHostOptions,
  ReplayResult,
  WaitForCompletionOptions,
} from './LocalDurableHost';
export type { Clock } from './Clock';
export { ScaledClock } from './ScaledClock';
export type { ScaledClockOptions } from './ScaledClock';
export { ManualClock } from './ManualClock';
export type { StateStore } from './StateStore';
export { FileStateStore } from './FileStateStore';
export { MemoryStateStore } from './MemoryStateStore';
export { findRegisteredFunction, listRegisteredFunctions } from './functionRegistry';
export type { RegisteredFunction } from './functionRegistry';
export type { WireHistoryEvent } from './historyEvents';
export { startManagementApi } from './managementApi';
export type { DurableClientInputData, ManagementApi } from './managementApi';
export { invokeHttpFunction } from './invokeHttpFunction';
export type { InvokeHttpOptions } from './invokeHttpFunction';
