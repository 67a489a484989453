import type { ArmResource } from '../src/arm/ArmResource';
import type { Plan, PlanStep } from '../src/planner/Plan';

export interface VnetSummaryRow {
  vnet: string;
  ipv4: string;
  ipv6: string;
  nics: number;
  loadBalancers: number;
  routes: number;
  nsgRules: number;
  state: string;
}

function serves(step: PlanStep, vnetId: string): boolean {
  const key = vnetId.toLowerCase();
  return step.vnetIds.some((v) => v.toLowerCase() === key);
}

function addedChildren(step: PlanStep, collection: string): number {
  return step.additions.filter((a) => a.op === 'addChild' && a.path.includes(collection)).length;
}

/** Per VNet: prefixes as they are now, and what the plan changed around it. */
export function summariseVnets(
  plan: Plan,
  finalState: readonly ArmResource[],
  states: Map<string, string>,
): VnetSummaryRow[] {
  const byId = new Map(finalState.map((r) => [r.id.toLowerCase(), r]));
  return plan.vnets.map((v) => {
    const vnet = byId.get(v.vnetId.toLowerCase());
    const prefixes =
      (vnet?.properties?.addressSpace as { addressPrefixes?: string[] } | undefined)?.addressPrefixes ?? [];
    const steps = plan.steps.filter((s) => serves(s, v.vnetId));
    const count = (kind: PlanStep['kind']): number => steps.filter((s) => s.kind === kind).length;
    return {
      vnet: `${v.vnetId.split('/').pop() ?? v.vnetId}${v.role === 'hub' ? ' (hub)' : ''}`,
      ipv4: prefixes.filter((p) => !p.includes(':')).join(' '),
      ipv6: prefixes.filter((p) => p.includes(':')).join(' ') || '-',
      nics: count('networkInterface'),
      loadBalancers: count('loadBalancer'),
      routes: steps
        .filter((s) => s.kind === 'routeTable')
        .reduce((n, s) => n + addedChildren(s, 'routes'), 0),
      nsgRules: steps
        .filter((s) => s.kind === 'networkSecurityGroup')
        .reduce((n, s) => n + addedChildren(s, 'securityRules'), 0),
      state: states.get(v.vnetId.toLowerCase()) ?? 'noChanges',
    };
  });
}

export function renderVnetTable(rows: readonly VnetSummaryRow[]): string {
  const header = ['VNet', 'IPv4', 'IPv6 added', 'NICs', 'LBs', 'routes', 'NSG rules', 'state'];
  const cells = rows.map((r) =>
    [r.vnet, r.ipv4, r.ipv6, r.nics, r.loadBalancers, r.routes, r.nsgRules, r.state].map(String),
  );
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: string[]): string =>
    c
      .map((x, i) => x.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}
