import type { Finding } from '../planner/Plan';

/** What became (or becomes) of one VNet, as the report page shows it. */
export type VnetReportState =
  | 'planned'
  | 'upToDate'
  | 'dualStack'
  | 'failed'
  | 'skipped'
  | 'blocked'
  | 'excluded'
  | 'pending'
  | 'running';

export interface VnetReportRow {
  vnetId: string;
  name: string;
  role: 'hub' | 'spoke';
  state: VnetReportState;
  /** address space before: IPv4, and IPv6 the VNet already had */
  before: string[];
  /** address space after: once the plan is applied, or as read back after the run */
  after: string[];
  /** the IPv6 prefix the plan or run adds  */
  ipv6Changed?: string;
  steps: number;
  /** why it failed, was skipped, blocked or excluded */
  note?: string;
}

export type ReportTone = 'ok' | 'changes' | 'blocked' | 'failed';

/** A plan or a finished run, as one page: the input of renderReportHtml. */
export interface EstateReport {
  title: string;
  verdict: { tone: ReportTone; text: string };
  /** label and value pairs shown under the title */
  facts: [label: string, value: string][];
  hubVnetId: string;
  /** the hub first, then spokes (excluded ones last) */
  vnets: VnetReportRow[];
  blockers: Finding[];
  warnings: Finding[];
  manualActions: Finding[];
}

/** The last segment of a resource id: what people call the resource. */
export function nameOf(id: string): string {
  return id.split('/').pop() ?? id;
}

/** Every row's prefixes as given, IPv6 last (a plan's or a read-back's order otherwise). */
export function addressSpace(ipv4: readonly string[], ipv6: string | undefined): string[] {
  return ipv6 ? [...ipv4, ipv6] : [...ipv4];
}
