import type { StepOutcome } from '../orchestrations/runSteps';
import type { ActivityRef } from '../orchestrations/durableTasks';

export type { RunKind } from '../monitor/ChangeRow';
import type { RunKind } from '../monitor/ChangeRow';

export interface ReportOutcomesInput {
  runId: string;
  runKind: RunKind;
  vnetId: string;
  role?: 'hub' | 'spoke';
  outcomes: StepOutcome[];
}

export interface RunSummaryInput {
  runId: string;
  runKind: RunKind;
  outcome: string;
  stepsTotal: number;
  stepsSucceeded: number;
  stepsFailed: number;
  changes: number;
  lostRows: number;
  /** orchestration time the run finished, ISO */
  finishedAt: string;
}

/** Reporting never fails a run: the activity counts what it could not deliver. */
export interface ReportResult {
  sent: number;
  lost: number;
}

export const reportOutcomesRef: ActivityRef<ReportOutcomesInput, ReportResult> = { name: 'reportOutcomes' };
export const reportRunSummaryRef: ActivityRef<RunSummaryInput, ReportResult> = { name: 'reportRunSummary' };
