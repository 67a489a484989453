import { writeFile } from 'node:fs/promises';
import { parseConfig } from '../src/planner/config/parseConfig';
import type { MigrationResult } from '../src/orchestrations/migrateEstate';
import { migrateEstateRef } from '../src/orchestrations/migrateEstate';
import { planEstate } from '../src/activities/planNetwork';
import type { Plan } from '../src/planner/Plan';
import { renderReportHtml } from '../src/report/renderReportHtml';
import { runReport } from '../src/report/runReport';
import { CliError } from './CliError';
import { estateConfig } from './estateConfig';
import { EXIT } from './exitCodes';
import { isConverged } from './isConverged';
import { loadTopologyOption } from './loadTopologyOption';
import type { LocalStack } from './localStack';
import { startLocalStack } from './localStack';
import type { CliArgs } from './parseArgs';
import { START_SPEC, parseArgs } from './parseArgs';
import { printPlan } from './printPlan';
import { ProgressDisplay } from './ProgressDisplay';
import { readConfig } from './readConfig';
import { rollBack } from './rollBack';
import { RunProgressTracker } from './RunProgressTracker';
import { runCli } from './runCli';
import { renderVnetTable, summariseVnets } from './summariseVnets';

const RUN_ID = 'local-migration';

/**
 * The main job: the emulator seeded with an estate, the plan, the migration
 * through the local durable host with progress, verification, and a final table;
 * with --rollback, then the rollback of it all. `--out-state` is written last, so it
 * holds the estate as the command leaves it.
 * Exit status 1 when a blocker stops the run or any VNet fails.
 */
async function main(): Promise<number | undefined> {
  const args = parseArgs(process.argv.slice(2));
  if (!args) return undefined;
  const [topology, fileConfig] = await Promise.all([
    loadTopologyOption(args.topology),
    readConfig(args.config),
  ]);
  const config = estateConfig(args.topology, topology, fileConfig, args.config);
  const stack = await startLocalStack({ topology, emulator: { timeScale: args.timeScale } });
  const log = (line: string): void => void process.stdout.write(`${line}\n`);
  try {
    log(`emulator: ${stack.emulator.endpoint} (${topology.length} resources)`);
    const before = stack.emulator.dump();
    const migrated = await migrate(stack, config, args, log);
    if (!migrated) return EXIT.failed;
    if (args.rollback) return (await rollBack(stack, config, before, log)) ? EXIT.ok : EXIT.failed;
    return EXIT.ok;
  } finally {
    if (args.outState) {
      await writeFile(args.outState, `${JSON.stringify({ value: stack.emulator.dump() }, null, 2)}\n`);
      log(`\nfinal state written to ${args.outState}`);
    }
    await stack.stop();
  }
}

/** Plan, migrate and verify; true when every VNet is dual-stack and a re-plan finds nothing to do. */
async function migrate(
  stack: LocalStack,
  config: Record<string, unknown>,
  args: CliArgs,
  log: (line: string) => void,
): Promise<boolean> {
  const { rollout } = parseConfig(config);
  const plan = await planEstate(stack.services, { config });
  log('');
  printPlan(log, plan, process.stdout.columns || 120);
  if (plan.blockers.length > 0) return false;

  log('\nmigrating (the plan above is approved by running this command):');
  const tracker = new RunProgressTracker(RUN_ID, () => stack.emulator.writeLog().length);
  const progress = new ProgressDisplay(process.stdout, () => tracker.read());
  const unsubscribe = stack.host.onStatusChange((status) => {
    for (const v of tracker.observe(status))
      if (v.state !== 'pending')
        progress.log(`  ${v.state.padEnd(10)} ${v.vnetId.split('/').pop() ?? ''} (${v.stepsTotal} steps)`);
    progress.changed();
  });
  await stack.host.startNew(migrateEstateRef.name, {
    instanceId: RUN_ID,
    input: {
      runId: RUN_ID,
      runKind: 'migration',
      config,
      dryRun: false,
      approval: { required: false, timeoutMinutes: 1 },
      // The configuration's rollout (canaries, window, write budget); the flag overrides its window.
      rollout: { ...rollout, maxParallelSpokes: args.maxParallelSpokes ?? rollout.maxParallelSpokes },
    },
  });
  const status = await stack.host.waitForCompletion(RUN_ID).finally(() => {
    unsubscribe();
    progress.stop();
  });
  const result = status.output as MigrationResult | undefined;
  if (!result) {
    log(`migration ${String(status.runtimeStatus)}: ${JSON.stringify(status.output)}`);
    return false;
  }
  const again = await planEstate(stack.services, { config });
  const vnets = await stack.services.runs.vnetsOf(result);
  log(
    `\nresult: ${result.outcome}; ${result.changes} resources changed, ${result.stepsFailed} failed; report rows lost: ${result.lostReportRows}`,
  );
  log(`verify: re-planning finds ${again.steps.length} step(s) left\n`);
  log(
    renderVnetTable(
      summariseVnets(
        plan,
        stack.emulator.dump(),
        new Map(vnets.map((v) => [v.vnetId.toLowerCase(), v.state])),
      ),
    ),
  );
  for (const v of vnets.filter((x) => x.failedStep)) {
    log(`failed: ${v.vnetId}: ${v.failedStep?.errorCode ?? ''} ${v.failedStep?.message ?? ''}`);
  }
  if (args.report) await writeReport(args.report, { ...result, vnets }, again, plan, log);
  return isConverged(result, again.steps.length);
}

/** The run's report page: outcomes from the result, address spaces read back, the run's own findings. */
async function writeReport(
  file: string,
  result: MigrationResult,
  after: Plan,
  plan: Plan,
  log: (line: string) => void,
): Promise<void> {
  await writeFile(file, renderReportHtml(runReport({ result, after, findings: plan }))).catch((e: Error) => {
    throw new CliError(`--report: cannot write ${file}: ${e.message}`);
  });
  log(`\nreport written to ${file}`);
}

runCli(START_SPEC, main);
