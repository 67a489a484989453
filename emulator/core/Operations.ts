import { randomUUID } from 'node:crypto';
import type { ArmErrorBody } from '../../src/arm/errors/ArmError';
import { idKey } from '../../src/arm/resourceId';
import type { Clock } from './Clock';

export type OperationStatus = 'InProgress' | 'Succeeded' | 'Failed';

export interface Operation {
  id: string;
  /** The top-level resource the operation locks. */
  lockedId: string;
  /** The id that was written (a child id for child PUTs). */
  targetId: string;
  /** Its type, e.g. 'Microsoft.Network/virtualNetworks/subnets': a poll needs `<type>/read`. */
  targetType: string;
  location: string;
  subscriptionId: string;
  startedAt: number;
  finishAt: number;
  endedAt?: number;
  status: OperationStatus;
  error?: ArmErrorBody;
  /** 'PutSubnetOperation' etc., quoted in ReferencedResourceNotProvisioned. */
  name: string;
  /** The body the Location URL answers (200) once the operation succeeded, for operations that have one (AVNM commit). */
  result?: unknown;
}

export interface StartOperation {
  lockedId: string;
  targetId: string;
  targetType: string;
  location: string;
  subscriptionId: string;
  name: string;
  latencyMs: number;
  /** Ends the operation Failed with this error instead of Succeeded. */
  failWith?: ArmErrorBody;
  /**
   * Applies the outcome to the store; runs exactly once, when the operation ends. What it returns (if not
   * undefined) is the operation's result, answered by its Location URL.
   */
  onEnd(status: 'Succeeded' | 'Failed'): unknown;
}

const KEEP_FINISHED = 200_000;

/**
 * Long-running operations on the emulator clock. An operation ends when its
 * timer fires or, earlier, when anyone looks at it or its resource after its
 * end time, so results never depend on timer jitter.
 */
export class Operations {
  private readonly byId = new Map<string, Operation>();
  private readonly inFlightByResource = new Map<string, Operation>();
  private readonly endHooks = new Map<string, StartOperation>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly clock: Clock) {}

  start(spec: StartOperation): Operation {
    const now = this.clock.now();
    const op: Operation = {
      id: randomUUID(),
      lockedId: spec.lockedId,
      targetId: spec.targetId,
      targetType: spec.targetType,
      location: spec.location,
      subscriptionId: spec.subscriptionId,
      startedAt: now,
      finishAt: now + Math.max(0, spec.latencyMs),
      status: 'InProgress',
      name: spec.name,
    };
    this.byId.set(op.id, op);
    this.inFlightByResource.set(idKey(spec.lockedId), op);
    this.endHooks.set(op.id, spec);
    if (spec.latencyMs <= 0) {
      this.end(op);
    } else {
      const timer = setTimeout(() => this.end(op), Math.ceil(spec.latencyMs));
      timer.unref();
      this.timers.set(op.id, timer);
    }
    this.trim();
    return op;
  }

  get(id: string): Operation | undefined {
    const op = this.byId.get(id);
    if (op) this.settle(op);
    return op;
  }

  /** The operation holding `resourceId` (top-level), if it is still running. */
  inFlight(resourceId: string): Operation | undefined {
    const op = this.inFlightByResource.get(idKey(resourceId));
    if (op) this.settle(op);
    return op?.status === 'InProgress' ? op : undefined;
  }

  /** Ends the operation on `resourceId` if its time has come, so a read never shows a stale 'Updating'. */
  settleResource(resourceId: string): void {
    const op = this.inFlightByResource.get(idKey(resourceId));
    if (op) this.settle(op);
  }

  /** Ends every operation whose time has come (used before dumps). */
  settleAll(): void {
    for (const op of [...this.inFlightByResource.values()]) this.settle(op);
  }

  stop(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  private settle(op: Operation): void {
    if (op.status === 'InProgress' && this.clock.now() >= op.finishAt) this.end(op);
  }

  private end(op: Operation): void {
    if (op.status !== 'InProgress') return;
    const hooks = this.endHooks.get(op.id);
    this.endHooks.delete(op.id);
    const timer = this.timers.get(op.id);
    if (timer) clearTimeout(timer);
    this.timers.delete(op.id);
    op.status = hooks?.failWith ? 'Failed' : 'Succeeded';
    if (hooks?.failWith) op.error = hooks.failWith;
    op.endedAt = this.clock.now();
    const key = idKey(op.lockedId);
    if (this.inFlightByResource.get(key) === op) this.inFlightByResource.delete(key);
    const result = hooks?.onEnd(op.status);
    if (result !== undefined) op.result = result;
  }

  private trim(): void {
    if (this.byId.size <= KEEP_FINISHED) return;
    for (const [id, op] of this.byId) {
      if (this.byId.size <= KEEP_FINISHED * 0.9) break;
      if (op.status !== 'InProgress') this.byId.delete(id);
    }
  }
}
