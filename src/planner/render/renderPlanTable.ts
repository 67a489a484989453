import type { Plan } from '../Plan';
import { ipamAllocationLines, poolText } from './ipamPoolText';

const KIND_LABEL: Record<string, string> = {
  virtualNetwork: 'vnet',
  peeringSync: 'sync',
  networkInterface: 'nic',
  loadBalancer: 'lb',
  routeTable: 'routes',
  networkSecurityGroup: 'nsg',
  expressRouteCircuitPeering: 'er',
  privateDnsRecordSet: 'dns',
  publicIPAddress: 'pip',
  avnmRoutingRule: 'avnm-r',
  avnmSecurityAdminRule: 'avnm-s',
  avnmCommit: 'commit',
  ipamStaticCidr: 'ipam',
};

function fit(text: string, width: number): string {
  return text.length <= width ? text.padEnd(width) : `${text.slice(0, width - 1)}…`;
}

/** A compact fixed-width table for terminals: one line per step, then the finding counts. */
export function renderPlanTable(plan: Plan, width = 120): string {
  const nameWidth = 28;
  const vnetWidth = 22;
  const summaryWidth = Math.max(20, width - 5 - 7 - nameWidth - vnetWidth - 4);
  const lines = [
    `${'#'.padStart(4)} ${fit('kind', 6)} ${fit('resource', nameWidth)} ${fit('vnet', vnetWidth)} change`,
    '-'.repeat(Math.min(width, 5 + 7 + nameWidth + vnetWidth + 4 + summaryWidth)),
  ];
  plan.steps.forEach((s, i) => {
    const vnet = s.vnetId ? (s.vnetId.split('/').pop() ?? '') : `shared(${s.vnetIds.length})`;
    const summary = s.summary.replace(/^[^:]*: /, '');
    lines.push(
      `${String(i + 1).padStart(4)} ${fit(KIND_LABEL[s.kind] ?? s.kind, 6)} ${fit(s.resourceId.split('/').pop() ?? '', nameWidth)} ${fit(vnet, vnetWidth)} ${fit(summary, summaryWidth).trimEnd()}`,
    );
  });
  lines.push(
    '',
    `${plan.rollback ? 'rollback to IPv4 · ' : ''}${plan.steps.length} steps · ${plan.vnets.length} VNets · pool ${poolText(plan)} · ${plan.blockers.length} blockers · ${plan.warnings.length} warnings · ${plan.manualActions.length} manual actions`,
  );
  for (const a of ipamAllocationLines(plan)) lines.push(`IPAM ${a}`);
  for (const b of plan.blockers)
    lines.push(`BLOCKER ${b.code} ${b.resourceId.split('/').pop() ?? ''}: ${b.message}`);
  return `${lines.join('\n')}\n`;
}
