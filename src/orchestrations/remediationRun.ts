import type { OrchestrationContext } from 'durable-functions';
import type { TypedTask } from './durableTasks';
import { subOrchestratorTask } from './durableTasks';
import type { MigrationResult, RolloutSettings } from './migrateEstate';
import { migrateEstateRef } from './migrateEstate';
import type { RetryPolicy } from './runSteps';

export interface RemediationRunOptions {
  config: unknown;
  /** the VNets to bring to dual stack (the planner adds the hub side they need); all spokes when absent */
  onlyVnetIds?: string[];
  rollout: RolloutSettings;
  retry?: RetryPolicy;
}

/**
 * A remediation is a migration without approval, reported as 'remediation': the same plan, reservations,
 * hub-first order, per-VNet sub-orchestrations and shared steps as a migration a human starts. It only
 * adds IPv6 to things that lack it, and blockers still stop it.
 */
export function remediationRun(
  ctx: OrchestrationContext,
  runId: string,
  options: RemediationRunOptions,
): TypedTask<MigrationResult> {
  return subOrchestratorTask(
    ctx,
    migrateEstateRef,
    {
      runId,
      runKind: 'remediation',
      config: options.config,
      ...(options.onlyVnetIds ? { onlyVnetIds: options.onlyVnetIds } : {}),
      dryRun: false,
      approval: { required: false, timeoutMinutes: 0 },
      rollout: options.rollout,
      ...(options.retry ? { retry: options.retry } : {}),
    },
    runId,
  );
}
