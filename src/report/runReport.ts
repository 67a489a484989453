import { idKey } from '../arm/resourceId';
import type { MigrationResult, RunOutcome, VnetSummary } from '../orchestrations/migrateEstate';
import type { Finding, Plan, VnetPlan } from '../planner/Plan';
import type { EstateReport, ReportTone, VnetReportRow, VnetReportState } from './EstateReport';
import { addressSpace, nameOf } from './EstateReport';
import { excludedRows } from './excludedRows';

export interface RunReportInput {
  result: MigrationResult;
  /** a plan of the estate as it is after the run: the address spaces it reads back, steps left */
  after: Plan;
  /** whose warnings and manual actions the page lists (default: `after`'s); the CLI gives the run's own plan */
  findings?: Pick<Plan, 'warnings' | 'manualActions'>;
}

const TONE: Record<RunOutcome, ReportTone> = {
  succeeded: 'ok',
  noChanges: 'ok',
  partiallyFailed: 'failed',
  failed: 'failed',
  blocked: 'blocked',
  rejected: 'changes',
  approvalTimedOut: 'changes',
  dryRun: 'changes',
};

function state(v: VnetSummary): VnetReportState {
  switch (v.state) {
    case 'succeeded':
      return 'dualStack';
    case 'noChanges':
      return 'upToDate';
    default:
      return v.state;
  }
}

function row(v: VnetSummary, now: VnetPlan | undefined): VnetReportRow {
  const ipv4 = now?.ipv4Prefixes ?? [];
  const added = v.state === 'succeeded' && !v.ipv6Existing ? v.ipv6Prefix : undefined;
  // A run never changes IPv4, so IPv4 read back now is IPv4 before; IPv6 before is what the run found.
  const ipv6Before = v.ipv6Existing ? v.ipv6Prefix : undefined;
  const failed = v.failedStep;
  return {
    vnetId: v.vnetId,
    name: nameOf(v.vnetId),
    role: v.role,
    state: state(v),
    before: addressSpace(ipv4, ipv6Before),
    after: now ? addressSpace(ipv4, now.ipv6Existing ? now.ipv6Prefix : undefined) : [],
    ...(added ? { ipv6Changed: added } : {}),
    steps: v.stepsTotal,
    ...(failed
      ? { note: `${failed.errorCode}: ${failed.message} (step ${failed.stepId})` }
      : now
        ? {}
        : { note: 'not found when the report was made' }),
  };
}

function verdictText(result: MigrationResult, after: Plan): string {
  const left = ` Re-planning finds ${after.steps.length} step(s) left.`;
  const detail = result.message ? ` ${result.message}.` : '';
  return `Migration ${result.outcome}: ${result.changes} resource(s) changed, ${result.stepsFailed} step(s) failed.${detail}${left}`;
}

/**
 * A finished migration as a report: each VNet's outcome from the run's result, its
 * address space read back from `after` (IPv4 before is IPv4 after: no run changes it), and the
 * blockers the run stopped on.
 */
export function runReport(input: RunReportInput): EstateReport {
  const { result, after } = input;
  const now = new Map(after.vnets.map((v) => [idKey(v.vnetId), v]));
  const findings: Pick<Plan, 'warnings' | 'manualActions'> = input.findings ?? after;
  const blockers: Finding[] = result.plan.blockers;
  return {
    title: `Dual-stack migration report: ${result.runId}`,
    verdict: { tone: TONE[result.outcome], text: verdictText(result, after) },
    facts: [
      ['Run', result.runId],
      ['Outcome', result.outcome],
      ['Hub', nameOf(after.hubVnetId)],
      ['IPv6 pool', result.plan.ipv6Pool || after.ipv6Pool],
      ['Steps', `${result.stepsSucceeded} succeeded, ${result.stepsFailed} failed of ${result.plan.steps}`],
      ['Resources changed', String(result.changes)],
      ['Steps left (re-plan)', String(after.steps.length)],
      ...(result.lostReportRows > 0
        ? ([['Report rows lost', String(result.lostReportRows)]] as [string, string][])
        : []),
    ],
    hubVnetId: after.hubVnetId,
    vnets: [
      ...result.vnets.map((v) => row(v, now.get(idKey(v.vnetId)))),
      ...excludedRows(findings.warnings).filter(
        (x) => !result.vnets.some((v) => idKey(v.vnetId) === idKey(x.vnetId)),
      ),
    ],
    blockers,
    warnings: findings.warnings,
    manualActions: findings.manualActions,
  };
}
