import type { DropReason, RouteDecision } from './RouteDecision';

type CounterName = Exclude<RouteDecision['action'], 'drop'> | DropReason;

/**
 * How many events went which way since the process started. Drops are counted per reason
 * (out-of-scope subscription, foreign tenant, our own write) so a loop or a misrouted
 * subscription shows up as a number, not only as log lines.
 */
export class RouteCounters {
  private readonly counts = new Map<CounterName, number>();

  count(decision: RouteDecision): void {
    const name: CounterName = decision.action === 'drop' ? decision.reason : decision.action;
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
  }

  get(name: CounterName): number {
    return this.counts.get(name) ?? 0;
  }

  snapshot(): Partial<Record<CounterName, number>> {
    return Object.fromEntries(this.counts);
  }
}
