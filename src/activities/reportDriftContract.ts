import type { RunSummary } from '../monitor/changeRows';
import type { ActivityRef } from '../orchestrations/durableTasks';
import type { ReportResult } from './reportOutcomesContract';

/** A drift scan's summary row: the run summary plus the spoke counts and the drift count. */
export const reportDriftRef: ActivityRef<RunSummary, ReportResult> = { name: 'reportDrift' };
