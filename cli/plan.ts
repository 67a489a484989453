import { writeFile } from 'node:fs/promises';
import type { Plan } from '../src/planner/Plan';
import { renderPlanJson } from '../src/planner/render/renderPlanJson';
import { renderPlanMarkdown } from '../src/planner/render/renderPlanMarkdown';
import { planReport } from '../src/report/planReport';
import { renderReportHtml } from '../src/report/renderReportHtml';
import { loadTopologyOption } from './loadTopologyOption';
import type { ArmResource } from '../src/arm/ArmResource';
import { CliError } from './CliError';
import { estateConfig } from './estateConfig';
import { EXIT } from './exitCodes';
import type { PlanFormat } from './parsePlanArgs';
import { PLAN_SPEC, parsePlanArgs } from './parsePlanArgs';
import { planTopology } from './planTopology';
import { printPlan } from './printPlan';
import { readConfig } from './readConfig';
import { runCli } from './runCli';

function render(format: PlanFormat, plan: Plan, topology: readonly ArmResource[], width: number): string {
  switch (format) {
    case 'json':
      return `${renderPlanJson(plan)}\n`;
    case 'markdown':
      return renderPlanMarkdown(plan, [...topology]);
    case 'html':
      return renderReportHtml(planReport(plan, topology));
    case 'terminal': {
      const lines: string[] = [];
      printPlan((line) => lines.push(line), plan, width);
      return `${lines.join('\n')}\n`;
    }
  }
}

/** `npm run plan`: an exported estate planned offline; exit 0 nothing to do, 2 changes, 1 blockers, 64 bad input. */
async function main(): Promise<number | undefined> {
  const args = parsePlanArgs(process.argv.slice(2));
  if (!args) return undefined;
  const [topology, fileConfig] = await Promise.all([
    loadTopologyOption(args.topology),
    readConfig(args.config),
  ]);
  const plan = planTopology(topology, estateConfig(args.topology, topology, fileConfig, args.config));
  const text = render(args.format, plan, topology, process.stdout.columns || 120);
  if (args.out) {
    await writeFile(args.out, text).catch((e: Error) => {
      throw new CliError(`--out: cannot write ${args.out}: ${e.message}`);
    });
    process.stdout.write(
      `plan written to ${args.out} (${args.format}): ${plan.steps.length} steps over ${plan.vnets.length} VNets, ${plan.blockers.length} blockers\n`,
    );
  } else process.stdout.write(text);
  if (plan.blockers.length > 0) return EXIT.failed;
  return plan.steps.length > 0 ? EXIT.changes : EXIT.ok;
}

runCli(PLAN_SPEC, main);
