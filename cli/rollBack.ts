import type { ArmResource } from '../src/arm/ArmResource';
import { planEstate } from '../src/activities/planNetwork';
import type { MigrationResult } from '../src/orchestrations/migrateEstate';
import { rollbackEstateRef } from '../src/orchestrations/rollbackEstate';
import { ipv4Differences } from '../src/planner/ipv4Fingerprint';
import { renderPlanTable } from '../src/planner/render/renderPlanTable';
import { isConverged } from './isConverged';
import type { LocalStack } from './localStack';

const ROLLBACK_ID = 'local-rollback';

/**
 * `--rollback`: after the migration, the rollback plan, the rollback run, and the checks a
 * reviewer would make: IPv4 of every resource as it was before the migration, and nothing
 * left to roll back. True when all of that holds.
 */
export async function rollBack(
  stack: LocalStack,
  config: Record<string, unknown>,
  before: ArmResource[],
  log: (line: string) => void,
): Promise<boolean> {
  const tagValue = `rolled back by ${ROLLBACK_ID}`;
  const plan = await planEstate(stack.services, { config, rollback: { tagValue } });
  log(`\nrollback plan: ${plan.steps.length} steps over ${plan.vnets.length} VNets`);
  log(renderPlanTable(plan, process.stdout.columns || 120));
  for (const w of plan.warnings) log(`warning  ${w.code}: ${w.message}`);
  for (const m of plan.manualActions) log(`manual   ${m.code}: ${m.message}`);
  for (const b of plan.blockers) log(`BLOCKER  ${b.code}: ${b.message}${b.fix ? ` Fix: ${b.fix}` : ''}`);
  if (plan.blockers.length > 0) return false;
  await stack.host.startNew(rollbackEstateRef.name, {
    instanceId: ROLLBACK_ID,
    input: {
      runId: ROLLBACK_ID,
      config,
      dryRun: false,
      approval: { required: false, timeoutMinutes: 1 },
      rollout: { maxParallelWrites: 20 },
    },
  });
  const result = (await stack.host.waitForCompletion(ROLLBACK_ID)).output as MigrationResult | undefined;
  const after = new Map(stack.emulator.dump().map((r) => [r.id.toLowerCase(), r]));
  const changed = before.filter((r) => {
    const now = after.get(r.id.toLowerCase());
    return !now || ipv4Differences(r, now).length > 0;
  });
  const again = await planEstate(stack.services, { config, rollback: { tagValue } });
  const held = await stack.services.reservations.list();
  log(
    `\nrollback: ${result?.outcome ?? 'no result'}; ${result?.changes ?? 0} resources changed, ${result?.stepsFailed ?? 0} failed`,
  );
  log(`verify: IPv4 differs from before the migration on ${changed.length} resource(s)`);
  log(
    `verify: re-planning the rollback finds ${again.steps.length} step(s); ${held.length} /56 reservation(s) held`,
  );
  return isConverged(result, again.steps.length) && changed.length === 0 && held.length === 0;
}
