import type { Counter, Gauge, Meter } from '@opentelemetry/api';
import type { RunSummary } from './changeRows';

export const DUALSTACK_METER_NAME = 'dualstack';

/** Metric names as they appear in Application Insights (customMetrics). */
export const DUALSTACK_METRICS = {
  spokesDualStack: 'dualstack.spokes.dual_stack',
  spokesTotal: 'dualstack.spokes.total',
  stepsFailed: 'dualstack.steps.failed',
  driftDetected: 'dualstack.drift.detected',
  reportRowsLost: 'dualstack.report.rows_lost',
} as const;

/**
 * The few numbers worth alerting on, recorded when a run finishes: how much of
 * the estate is dual-stack, how many steps failed, how much drift a scan found
 * and how many report rows were lost. The trail of individual changes lives in
 * DualStackChanges_CL; these are for charts and alerts.
 */
export class DualStackMetrics {
  private readonly spokesDualStack: Gauge;
  private readonly spokesTotal: Gauge;
  private readonly stepsFailed: Counter;
  private readonly driftDetected: Counter;
  private readonly reportRowsLost: Counter;

  constructor(meter: Meter) {
    this.spokesDualStack = meter.createGauge(DUALSTACK_METRICS.spokesDualStack, {
      description: 'Spokes that are dual-stack at the end of the latest run',
      unit: '{spoke}',
    });
    this.spokesTotal = meter.createGauge(DUALSTACK_METRICS.spokesTotal, {
      description: 'Spokes in scope at the end of the latest run',
      unit: '{spoke}',
    });
    this.stepsFailed = meter.createCounter(DUALSTACK_METRICS.stepsFailed, {
      description: 'Plan steps that failed for good',
      unit: '{step}',
    });
    this.driftDetected = meter.createCounter(DUALSTACK_METRICS.driftDetected, {
      description: 'Resources a drift scan found without their IPv6 configuration',
      unit: '{resource}',
    });
    this.reportRowsLost = meter.createCounter(DUALSTACK_METRICS.reportRowsLost, {
      description: 'DualStackChanges_CL rows that could not be delivered',
      unit: '{row}',
    });
  }

  /** Records one finished run from the same summary its summary row is built from. */
  recordRun(summary: RunSummary): void {
    const attributes = { 'dualstack.run.kind': summary.runKind };
    if (summary.spokesTotal !== undefined) this.spokesTotal.record(summary.spokesTotal);
    if (summary.spokesDualStack !== undefined) this.spokesDualStack.record(summary.spokesDualStack);
    if (summary.stepsFailed > 0) this.stepsFailed.add(summary.stepsFailed, attributes);
    if (summary.driftCount) this.driftDetected.add(summary.driftCount, attributes);
    if (summary.lostRows > 0) this.reportRowsLost.add(summary.lostRows, attributes);
  }
}
