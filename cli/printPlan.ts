import type { Plan } from '../src/planner/Plan';
import { poolText } from '../src/planner/render/ipamPoolText';
import { renderPlanTable } from '../src/planner/render/renderPlanTable';

/** Manual actions repeat per subnet or rule; one line per code with a few examples keeps the plan readable. */
function printGrouped(
  log: (line: string) => void,
  label: string,
  findings: { code: string; message: string }[],
): void {
  const byCode = new Map<string, string[]>();
  for (const f of findings) byCode.set(f.code, [...(byCode.get(f.code) ?? []), f.message]);
  for (const [code, messages] of byCode) {
    log(`${label}  ${code} (${messages.length}): ${messages[0] ?? ''}${messages.length > 1 ? ' …' : ''}`);
  }
}

/** The plan for a terminal: the step table, then warnings, manual actions and blockers. */
export function printPlan(log: (line: string) => void, plan: Plan, width: number): void {
  log(`plan: ${plan.steps.length} steps over ${plan.vnets.length} VNets, IPv6 pool ${poolText(plan)}`);
  log(renderPlanTable(plan, width));
  for (const w of plan.warnings) log(`warning  ${w.code}: ${w.message}`);
  printGrouped(log, 'manual ', plan.manualActions);
  for (const b of plan.blockers) log(`BLOCKER  ${b.code}: ${b.message}${b.fix ? ` Fix: ${b.fix}` : ''}`);
}
