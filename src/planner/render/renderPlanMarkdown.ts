import type { ArmResource } from '../../arm/ArmResource';
import { idKey } from '../../arm/resourceId';
import type { Finding, Plan, VnetPlan } from '../Plan';
import type { StepRow } from './describeStep';
import { describeSteps } from './describeStep';
import { ipamAllocationLines, poolText } from './ipamPoolText';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function nameOf(id: string): string {
  return id.split('/').pop() ?? id;
}

function findings(title: string, list: Finding[]): string[] {
  if (list.length === 0) return [];
  return [
    `## ${title} (${list.length})`,
    '',
    ...list.map(
      (f) => `- **${f.code}** \`${nameOf(f.resourceId)}\`: ${f.message}${f.fix ? ` _Fix:_ ${f.fix}` : ''}`,
    ),
    '',
  ];
}

function vnetPrefixText(plan: Plan, v: VnetPlan): string {
  if (plan.rollback) return v.ipv6Prefix ? `${v.ipv6Prefix} goes` : 'no IPv6 of Dualstack’s';
  return `${v.ipv6Prefix ?? 'no IPv6'}${v.ipv6Existing ? ' (existing)' : ''}`;
}

function table(rows: StepRow[], withIpv4: boolean, ipv6Column: string): string[] {
  const head = withIpv4
    ? `| # | Resource | Change | ${ipv6Column} | IPv4 unchanged |`
    : `| # | Resource | Change | ${ipv6Column} |`;
  const rule = withIpv4 ? '|---|---|---|---|---|' : '|---|---|---|---|';
  return [
    head,
    rule,
    ...rows.map(
      (r) =>
        `| ${r.position} | \`${cell(r.resourceName)}\` | ${cell(r.change)} | ${cell(r.ipv6Added)} |${withIpv4 ? ` ${r.ipv4Unchanged} |` : ''}`,
    ),
    '',
  ];
}

/**
 * The plan for a pull request: summary, blockers, then a table per VNet (hub first) with
 * resource, change, IPv6 added and, when the observed network is given, whether IPv4 is unchanged.
 */
export function renderPlanMarkdown(plan: Plan, observed?: ArmResource[]): string {
  const rows = describeSteps(plan, observed);
  const withIpv4 = observed !== undefined;
  const spokes = plan.vnets.filter((v) => v.role === 'spoke').length;
  const ipv6Column = plan.rollback ? 'IPv6 removed' : 'IPv6 added';
  const lines = [
    plan.rollback ? '# Rollback plan (back to IPv4)' : '# Dual-stack plan',
    '',
    `- Hub: \`${nameOf(plan.hubVnetId)}\` · spokes: ${spokes} · IPv6 pool: ${plan.ipamPool ? poolText(plan) : `\`${plan.ipv6Pool}\`${plan.poolGenerated ? ' (generated ULA: no pool configured)' : ''}`}`,
    `- Steps: ${plan.steps.length} · blockers: ${plan.blockers.length} · warnings: ${plan.warnings.length} · manual actions: ${plan.manualActions.length}`,
    plan.blockers.length > 0
      ? '- **Blocked: nothing runs until every blocker is fixed.**'
      : '- Ready to run after approval.',
    '',
    ...findings('Blockers', plan.blockers),
  ];
  const allocations = ipamAllocationLines(plan);
  if (allocations.length > 0)
    lines.push(
      `## IPAM pool allocations (${allocations.length})`,
      '',
      ...allocations.map((a) => `- ${cell(a)}`),
      '',
    );
  const byOwner = new Map<string, StepRow[]>();
  const shared: StepRow[] = [];
  for (const r of rows) {
    const owner = r.step.vnetId ? idKey(r.step.vnetId) : undefined;
    if (!owner) shared.push(r);
    else byOwner.set(owner, [...(byOwner.get(owner) ?? []), r]);
  }
  for (const v of plan.vnets) {
    const mine = byOwner.get(idKey(v.vnetId)) ?? [];
    lines.push(
      `## ${v.role === 'hub' ? 'Hub' : 'Spoke'} \`${nameOf(v.vnetId)}\`: ${vnetPrefixText(plan, v)}${v.blocked ? ' — **blocked**' : ''}`,
      '',
    );
    lines.push(...(mine.length > 0 ? table(mine, withIpv4, ipv6Column) : ['No changes.', '']));
  }
  if (shared.length > 0) lines.push('## Shared resources', '', ...table(shared, withIpv4, ipv6Column));
  lines.push(...findings('Warnings', plan.warnings), ...findings('Manual actions', plan.manualActions));
  return `${lines.join('\n').trimEnd()}\n`;
}
