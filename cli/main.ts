import { writeFile } from 'node:fs/promises';
import { loadEstate } from '../estates/loadEstate';
import { parseConfig } from '../src/planner/config/parseConfig';
import { renderPlanTable } from '../src/planner/render/renderPlanTable';
import type { EstateStatus, MigrationResult } from '../src/orchestrations/migrateEstate';
import { migrateEstateRef } from '../src/orchestrations/migrateEstate';
import { planEstate } from '../src/activities/planNetwork';
import type { LocalStack } from './localStack';
import { startLocalStack } from './localStack';
import type { CliArgs } from './parseArgs';
import { CliError, parseArgs } from './parseArgs';
import { isConverged } from './isConverged';
import { readConfig } from './readConfig';
import { referenceConfig } from './referenceConfig';
import { rollBack } from './rollBack';
import { renderVnetTable, summariseVnets } from './summariseVnets';

const RUN_ID = 'local-migration';

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

/**
 * The main job: the emulator seeded with an estate, the plan, the migration
 * through the local durable host with progress, verification, and a final table;
 * with --rollback, then the rollback of it all. `--out-state` is written last, so it
 * holds the estate as the command leaves it.
 * Exit status 1 when a blocker stops the run or any VNet fails.
 */
async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const [topology, fileConfig] = await Promise.all([loadEstate(args.topology), readConfig(args.config)]);
  const stack = await startLocalStack({ topology, emulator: { timeScale: args.timeScale } });
  const log = (line: string): void => void process.stdout.write(`${line}\n`);
  try {
    const config = {
      ...stack.baseConfig,
      ...(args.topology === 'reference' && !args.config ? referenceConfig() : {}),
      ...fileConfig,
    };
    log(`emulator: ${stack.emulator.endpoint} (${topology.length} resources)`);
    const before = stack.emulator.dump();
    const migrated = await migrate(stack, config, args, log);
    if (!migrated) return 1;
    if (args.rollback) return (await rollBack(stack, config, before, log)) ? 0 : 1;
    return 0;
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
  log(
    `\nplan: ${plan.steps.length} steps over ${plan.vnets.length} VNets, IPv6 pool ${plan.ipv6Pool}${plan.poolGenerated ? ' (ULA derived from the hub id)' : ''}`,
  );
  log(renderPlanTable(plan, process.stdout.columns || 120));
  for (const w of plan.warnings) log(`warning  ${w.code}: ${w.message}`);
  printGrouped(log, 'manual ', plan.manualActions);
  for (const b of plan.blockers) log(`BLOCKER  ${b.code}: ${b.message}${b.fix ? ` Fix: ${b.fix}` : ''}`);
  if (plan.blockers.length > 0) return false;

  const seen = new Map<string, string>();
  stack.host.onStatusChange((status) => {
    if (status.instanceId !== RUN_ID) return;
    for (const v of (status.customStatus as EstateStatus | undefined)?.vnets ?? []) {
      const key = v.vnetId.toLowerCase();
      if (seen.get(key) === v.state) continue;
      seen.set(key, v.state);
      if (v.state !== 'pending')
        log(`  ${v.state.padEnd(10)} ${v.vnetId.split('/').pop() ?? ''} (${v.stepsTotal} steps)`);
    }
  });
  log('\nmigrating (the plan above is approved by running this command):');
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
  const status = await stack.host.waitForCompletion(RUN_ID);
  const result = status.output as MigrationResult | undefined;
  if (!result) {
    log(`migration ${String(status.runtimeStatus)}: ${JSON.stringify(status.output)}`);
    return false;
  }
  const again = await planEstate(stack.services, { config });
  log(
    `\nresult: ${result.outcome}; ${result.changes} resources changed, ${result.stepsFailed} failed; report rows lost: ${result.lostReportRows}`,
  );
  log(`verify: re-planning finds ${again.steps.length} step(s) left\n`);
  log(
    renderVnetTable(
      summariseVnets(
        plan,
        stack.emulator.dump(),
        new Map(result.vnets.map((v) => [v.vnetId.toLowerCase(), v.state])),
      ),
    ),
  );
  for (const v of result.vnets.filter((x) => x.failedStep)) {
    log(`failed: ${v.vnetId}: ${v.failedStep?.errorCode ?? ''} ${v.failedStep?.message ?? ''}`);
  }
  return isConverged(result, again.steps.length);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(error instanceof CliError ? 2 : 1);
  },
);
