import type { RunSummaryInput } from '../activities/reportOutcomesContract';
import type { MigrationResult, PlanSummary, RunOutcome, VnetSummary } from './migrateEstate';

/** A run's result: zero for every figure it doesn't give (a run that stopped before writing). */
export function runResult(
  runId: string,
  outcome: RunOutcome,
  plan: PlanSummary,
  vnets: VnetSummary[],
  figures: Partial<MigrationResult> = {},
): MigrationResult {
  return {
    runId,
    outcome,
    plan,
    vnets,
    sharedOutcomes: [],
    stepsSucceeded: 0,
    stepsFailed: 0,
    changes: 0,
    lostReportRows: 0,
    ...figures,
  };
}

/** A run's summary row: zero for every figure it doesn't give. */
export function runSummaryRow(
  runId: string,
  runKind: RunSummaryInput['runKind'],
  outcome: RunOutcome,
  finishedAt: Date,
  figures: Partial<RunSummaryInput> = {},
): RunSummaryInput {
  return {
    runId,
    runKind,
    outcome,
    stepsTotal: 0,
    stepsSucceeded: 0,
    stepsFailed: 0,
    changes: 0,
    lostRows: 0,
    finishedAt: finishedAt.toISOString(),
    ...figures,
  };
}
