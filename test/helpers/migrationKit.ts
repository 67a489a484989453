import type { DurableOrchestrationStatus } from 'durable-functions';
import type { ArmResource } from '../../src/arm/ArmResource';
import type { LocalStack, LocalStackOptions } from '../../cli/localStack';
import { startLocalStack } from '../../cli/localStack';
import type {
  EstateStatus,
  MigrateEstateInput,
  MigrationResult,
} from '../../src/orchestrations/migrateEstate';
import { migrateEstateRef } from '../../src/orchestrations/migrateEstate';
import type { RollbackEstateInput } from '../../src/orchestrations/rollbackEstate';
import { rollbackEstateRef } from '../../src/orchestrations/rollbackEstate';
import { planEstate } from '../../src/activities/planNetwork';
import type { Plan } from '../../src/planner/Plan';
import { ipv4Differences } from '../../src/planner/ipv4Fingerprint';

export function migrationInput(
  stack: LocalStack,
  runId: string,
  overrides: Partial<MigrateEstateInput> = {},
): MigrateEstateInput {
  return {
    runId,
    runKind: 'migration',
    config: stack.baseConfig,
    dryRun: false,
    approval: { required: false, timeoutMinutes: 60 },
    rollout: { maxParallelSpokes: 2, canarySpokes: 1, abortAfterFailures: 2 },
    retry: { maxAttempts: 8, firstDelayMs: 1000, backoffCoefficient: 2, maxDelayMs: 10_000 },
    ...overrides,
  };
}

export async function runMigration(
  stack: LocalStack,
  runId: string,
  overrides: Partial<MigrateEstateInput> = {},
): Promise<{ status: DurableOrchestrationStatus; result: MigrationResult }> {
  await stack.host.startNew(migrateEstateRef.name, {
    instanceId: runId,
    input: migrationInput(stack, runId, overrides),
  });
  const status = await stack.host.waitForCompletion(runId, { timeoutInMilliseconds: 120_000 });
  return { status, result: status.output as MigrationResult };
}

export function rollbackInput(
  stack: LocalStack,
  runId: string,
  overrides: Partial<RollbackEstateInput> = {},
): RollbackEstateInput {
  return {
    runId,
    config: stack.baseConfig,
    dryRun: false,
    approval: { required: false, timeoutMinutes: 60 },
    rollout: { maxParallelWrites: 20 },
    retry: { maxAttempts: 2, firstDelayMs: 1000, backoffCoefficient: 2, maxDelayMs: 1000 },
    ...overrides,
  };
}

/** A rollback run through the real rollbackEstate orchestration, no approval, to its end. */
export async function runRollback(
  stack: LocalStack,
  runId: string,
  overrides: Partial<RollbackEstateInput> = {},
): Promise<MigrationResult> {
  const input = rollbackInput(stack, runId, overrides);
  await stack.host.startNew(rollbackEstateRef.name, { instanceId: runId, input });
  const done = await stack.host.waitForCompletion(runId, { timeoutInMilliseconds: 120_000 });
  return done.output as MigrationResult;
}

/** Resolves once the run shows it waits for its reviewer (its custom status's phase). */
export async function untilAwaitingApproval(stack: LocalStack, runId: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const status = await stack.host.getStatus(runId);
    if ((status.customStatus as EstateStatus | undefined)?.phase === 'awaitingApproval') return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`${runId} never reached awaitingApproval`);
}

export function planNow(stack: LocalStack): Promise<Plan> {
  return planEstate(stack.services, { config: stack.baseConfig });
}

/** Each resource of `before` whose IPv4 form the emulator now shows differently (or no longer holds), with what differs. */
export function ipv4Changes(stack: LocalStack, before: readonly ArmResource[]): [string, string[]][] {
  const now = byId(stack.emulator.dump());
  return before.flatMap((was): [string, string[]][] => {
    const is = now.get(was.id.toLowerCase());
    const diff = is ? ipv4Differences(was, is) : ['(gone)'];
    return diff.length > 0 ? [[was.id, diff]] : [];
  });
}

export function byId(resources: readonly ArmResource[]): Map<string, ArmResource> {
  return new Map(resources.map((r) => [r.id.toLowerCase(), r]));
}

export async function withStack<T>(
  options: LocalStackOptions,
  fn: (stack: LocalStack) => Promise<T>,
): Promise<T> {
  const stack = await startLocalStack(options);
  try {
    return await fn(stack);
  } finally {
    await stack.stop();
  }
}
