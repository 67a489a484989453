import type { VnetReportState } from './EstateReport';

/** How the page names each state, in the diagram, its legend and the table alike. */
export const STATE_LABELS: Record<VnetReportState, string> = {
  planned: 'changes planned',
  upToDate: 'up to date',
  dualStack: 'dual-stack',
  failed: 'failed',
  skipped: 'skipped',
  blocked: 'blocked',
  excluded: 'excluded',
  pending: 'pending',
  running: 'running',
};
