import { stepRows, summaryRow } from '../monitor/changeRows';
import { recordRunMetrics } from '../monitor/startAzureMonitorMetrics';
import { activityServices } from './ActivityServices';
import type { ReportOutcomesInput, ReportResult, RunSummaryInput } from './reportOutcomesContract';

/** One row per step outcome. Never throws for Azure Monitor: losses come back counted. */
export function reportOutcomes(input: ReportOutcomesInput): Promise<ReportResult> {
  if (input.outcomes.length === 0) return Promise.resolve({ sent: 0, lost: 0 });
  const role = input.role ?? 'spoke';
  return activityServices().reporting.report(
    stepRows({ ...input, role, outcomes: input.outcomes, at: new Date().toISOString() }),
  );
}

export async function reportRunSummary(input: RunSummaryInput): Promise<ReportResult> {
  const result = await activityServices().reporting.report([summaryRow(input)]);
  // Metrics are best effort, like rows: recordRunMetrics never throws.
  await recordRunMetrics(input);
  return result;
}
