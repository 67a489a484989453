import type { RunSummary } from '../monitor/changeRows';
import { summaryRow } from '../monitor/changeRows';
import { activityServices } from './ActivityServices';
import type { ReportResult } from './reportOutcomesContract';

/** Never throws for Azure Monitor: a lost row comes back counted. */
export function reportDrift(input: RunSummary): Promise<ReportResult> {
  return activityServices().reporting.report([summaryRow(input)]);
}
