import type { StepOutcome } from '../orchestrations/runSteps';
import type { ActivityRef } from '../orchestrations/durableTasks';

export type { RunKind } from '../monitor/ChangeRow';
import type { RunKind } from '../monitor/ChangeRow';
import type { RunSummary } from '../monitor/changeRows';

export interface ReportOutcomesInput {
  runId: string;
  runKind: RunKind;
  vnetId: string;
  role?: 'hub' | 'spoke';
  outcomes: StepOutcome[];
}

/** The run's one summary row; the monitor module owns its shape. */
export type RunSummaryInput = RunSummary;

/** Reporting never fails a run: the activity counts what it could not deliver. */
export interface ReportResult {
  sent: number;
  lost: number;
}

export const reportOutcomesRef: ActivityRef<ReportOutcomesInput, ReportResult> = { name: 'reportOutcomes' };
export const reportRunSummaryRef: ActivityRef<RunSummaryInput, ReportResult> = { name: 'reportRunSummary' };
