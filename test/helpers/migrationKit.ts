import type { DurableOrchestrationStatus } from 'durable-functions';
import type { ArmResource } from '../../src/arm/ArmResource';
import type { LocalStack, LocalStackOptions } from '../../cli/localStack';
import { startLocalStack } from '../../cli/localStack';
import type { MigrateEstateInput, MigrationResult } from '../../src/orchestrations/migrateEstate';
import { migrateEstateRef } from '../../src/orchestrations/migrateEstate';
import { planEstate } from '../../src/activities/planNetwork';
import type { Plan } from '../../src/planner/Plan';

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

export function planNow(stack: LocalStack): Promise<Plan> {
  return planEstate(stack.services, { config: stack.baseConfig });
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
