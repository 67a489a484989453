import type { ArmResource } from '../arm/ArmResource';
import { idKey } from '../arm/resourceId';
import type { Plan, VnetPlan } from '../planner/Plan';
import type { EstateReport, VnetReportRow } from './EstateReport';
import { addressSpace, nameOf } from './EstateReport';
import { excludedRows } from './excludedRows';
import { poolText } from '../planner/render/ipamPoolText';

function blockerNote(plan: Plan, v: VnetPlan): string | undefined {
  const prefix = idKey(v.vnetId);
  const codes = new Set(
    plan.blockers.filter((b) => idKey(b.resourceId).startsWith(prefix)).map((b) => b.code),
  );
  return codes.size > 0 ? [...codes].join(', ') : 'blocked: see the blockers below';
}

function row(plan: Plan, v: VnetPlan): VnetReportRow {
  const before = addressSpace(v.ipv4Prefixes, v.ipv6Existing ? v.ipv6Prefix : undefined);
  const added = !v.blocked && !v.ipv6Existing ? v.ipv6Prefix : undefined;
  return {
    vnetId: v.vnetId,
    name: nameOf(v.vnetId),
    role: v.role,
    state: v.blocked ? 'blocked' : v.stepIds.length > 0 ? 'planned' : 'upToDate',
    before,
    after: v.blocked ? before : addressSpace(v.ipv4Prefixes, v.ipv6Prefix),
    ...(added ? { ipv6Changed: added } : {}),
    steps: v.stepIds.length,
    ...(v.blocked ? { note: blockerNote(plan, v) } : {}),
  };
}

/**
 * A dual-stack plan as a report: each VNet's address space now and once the plan is applied, the
 * VNets the exclusion tag keeps out (with their address space when `observed` is given), and the
 * plan's findings.
 */
export function planReport(plan: Plan, observed?: readonly ArmResource[]): EstateReport {
  const spokes = plan.vnets.filter((v) => v.role === 'spoke').length;
  const verdict: EstateReport['verdict'] =
    plan.blockers.length > 0
      ? {
          tone: 'blocked',
          text: `Blocked: nothing runs until the ${plan.blockers.length} blocker(s) are fixed.`,
        }
      : plan.steps.length > 0
        ? { tone: 'changes', text: `${plan.steps.length} change(s) to make. Nothing has been written.` }
        : { tone: 'ok', text: 'Nothing to do: every VNet in scope is dual-stack.' };
  return {
    title: 'Dual-stack plan',
    verdict,
    facts: [
      ['Hub', nameOf(plan.hubVnetId)],
      ['Spokes', String(spokes)],
      ['IPv6 pool', poolText(plan)],
      ['Steps', String(plan.steps.length)],
      ['Blockers', String(plan.blockers.length)],
      ['Warnings', String(plan.warnings.length)],
      ['Manual actions', String(plan.manualActions.length)],
    ],
    hubVnetId: plan.hubVnetId,
    vnets: [...plan.vnets.map((v) => row(plan, v)), ...excludedRows(plan.warnings, observed)],
    blockers: plan.blockers,
    warnings: plan.warnings,
    manualActions: plan.manualActions,
  };
}
