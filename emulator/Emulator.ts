import type { EmittedEvent, EmulatorOptions, WriteLogEntry } from './EmulatorOptions';
import type { Clock } from './core/Clock';
import { EventBus } from './core/EventBus';
import { Faults } from './core/Faults';
import { Operations } from './core/Operations';
import { Throttle } from './core/Throttle';
import { latencyFor } from './core/defaultLatencyMs';
import type { HandlerModule } from './http/router';
import { Router } from './http/router';
import { ResourceStore } from './store/ResourceStore';

export const DEFAULT_TIME_SCALE = 0.001;
export const DEFAULT_PAGE_SIZE = 100;

/**
 * The emulator's state, shared by the HTTP pipeline and the handlers: one
 * instance per `startEmulator` call, so tests can run emulators side by side.
 */
export class Emulator {
  readonly store = new ResourceStore();
  readonly operations: Operations;
  readonly throttle: Throttle;
  readonly faults: Faults;
  readonly events: EventBus;
  readonly router: Router;
  readonly writeLog: WriteLogEntry[] = [];
  readonly timeScale: number;
  readonly pageSize: number;
  rbac: Record<string, string[]> | undefined;
  baseUrl = '';
  private readonly latencyOverrides: Record<string, number>;

  constructor(
    readonly options: EmulatorOptions,
    readonly clock: Clock,
    modules: readonly HandlerModule[],
  ) {
    this.timeScale = options.timeScale ?? DEFAULT_TIME_SCALE;
    this.pageSize = Math.max(1, options.pageSize ?? DEFAULT_PAGE_SIZE);
    this.operations = new Operations(clock);
    this.throttle = new Throttle(clock, this.timeScale, options.throttling !== false);
    this.faults = new Faults(options.faults ?? [], options.seed ?? 1);
    this.events = new EventBus(options.eventWebhooks ?? []);
    this.rbac = options.rbac;
    this.router = new Router(modules);
    this.latencyOverrides = lowerKeys(options.latencyMs);
  }

  /** Scaled latency (ms on the emulator clock) for a write of `type`. */
  latency(type: string): number {
    return latencyFor(type, this.latencyOverrides) * this.timeScale;
  }

  emit(event: EmittedEvent): void {
    this.events.emit(event);
  }

  /** Returns the log entry so the caller can complete it when the operation ends. */
  logWrite(entry: WriteLogEntry): WriteLogEntry {
    this.writeLog.push(entry);
    return entry;
  }
}

function lowerKeys(record: Record<string, number> | undefined): Record<string, number> {
  if (!record) return {};
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k.toLowerCase(), v]));
}
