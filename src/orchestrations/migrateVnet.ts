import type { OrchestrationContext, Task } from 'durable-functions';
import type { VnetPlan } from '../planner/Plan';
import type { RunStep } from '../activities/RunPlan';
import type { ReportResult, RunKind } from '../activities/reportOutcomesContract';
import { reportOutcomesRef } from '../activities/reportOutcomesContract';
import type { VerifyVnetResult } from '../activities/verifyVnetContract';
import { verifyVnetRef } from '../activities/verifyVnetContract';
import type { OrchestratorRef } from './durableTasks';
import { callActivity } from './durableTasks';
import { callActivityRetrying } from './callActivityRetrying';
import type { RetryPolicy, StepOutcome } from './runSteps';
import { runSteps } from './runSteps';
import { describeTaskFailure } from './taskFailure';

export interface MigrateVnetInput {
  runId: string;
  runKind: RunKind;
  vnet: VnetPlan;
  steps: RunStep[];
  retry: RetryPolicy;
  /** this VNet's share of the run's write budget; unlimited when absent */
  maxParallelSteps?: number;
  /**
   * This is the first part of the VNet's migration and another part follows: when
   * every step succeeds, leave the read-back and the report to that part, so the
   * part's result reaches the parent one write after it lands. A failure is
   * reported here, since nothing follows it.
   */
  partOfMore?: boolean;
  /** the run's critical path waits on these steps (the hub's): their activities poll eagerly */
  critical?: boolean;
  /** steps an earlier part applied: verified and reported with this part's */
  earlier?: { steps: RunStep[]; outcomes: StepOutcome[] };
}

export type VnetState = 'succeeded' | 'failed' | 'noChanges';

export interface VnetResult {
  vnetId: string;
  role: VnetPlan['role'];
  state: VnetState;
  outcomes: StepOutcome[];
  failedStep?: { stepId: string; errorCode: string; message: string };
  verification?: VerifyVnetResult;
  report: ReportResult;
}

export interface VnetProgress {
  vnetId: string;
  state: 'running' | VnetState;
  stepsDone: number;
  stepsTotal: number;
  currentSteps: string[];
}

export const migrateVnetRef: OrchestratorRef<MigrateVnetInput, VnetResult> = { name: 'migrateVnet' };

/**
 * One VNet's migration (the hub's or a spoke's): its steps in dependency order,
 * then a read-back verification, then a report. It returns a result instead of
 * throwing so that one spoke's failure can never take the whole run down.
 */
export function* migrateVnet(ctx: OrchestrationContext): Generator<Task, VnetResult, unknown> {
  const input = ctx.df.getInput<MigrateVnetInput>();
  const { vnet, steps } = input;
  const earlier = input.earlier ?? { steps: [], outcomes: [] };
  const stepsTotal = earlier.steps.length + steps.length;
  const progress: VnetProgress = {
    vnetId: vnet.vnetId,
    state: 'running',
    stepsDone: earlier.outcomes.length,
    stepsTotal,
    currentSteps: [],
  };
  ctx.df.setCustomStatus(progress);
  let outcomes: StepOutcome[] = [];
  let verification: VerifyVnetResult | undefined;
  let failedStep: VnetResult['failedStep'];
  try {
    outcomes = yield* runSteps(ctx, input.runId, steps, input.retry, {
      ...(input.maxParallelSteps !== undefined ? { maxParallel: input.maxParallelSteps } : {}),
      ...(input.critical ? { critical: true } : {}),
      onProgress: (p) => {
        progress.stepsDone = earlier.outcomes.length + p.done;
        progress.currentSteps = p.running;
        ctx.df.setCustomStatus(progress);
      },
    });
    const failed = outcomes.find((o) => o.outcome === 'failed');
    if (failed) {
      failedStep = {
        stepId: failed.stepId,
        errorCode: failed.errorCode ?? 'Unknown',
        message: failed.message ?? '',
      };
    } else if (input.partOfMore) {
      return {
        vnetId: vnet.vnetId,
        role: vnet.role,
        state: 'succeeded',
        outcomes,
        report: { sent: 0, lost: 0 },
      };
    } else if (stepsTotal > 0) {
      // A read-back that meets a 429 is tried again, not reported as a failed spoke.
      verification = yield* callActivityRetrying(
        ctx,
        verifyVnetRef,
        { vnet, steps: [...earlier.steps, ...steps] },
        input.retry,
      );
      if (!verification.ok) {
        failedStep = {
          stepId: 'verify',
          errorCode: 'VerificationFailed',
          message: verification.problems.join('; '),
        };
      }
    }
  } catch (error) {
    const failure = describeTaskFailure(error);
    failedStep = { stepId: 'verify', errorCode: failure.code, message: failure.message };
  }
  outcomes = [...earlier.outcomes, ...outcomes];
  const report = yield* callActivity(ctx, reportOutcomesRef, {
    runId: input.runId,
    runKind: input.runKind,
    vnetId: vnet.vnetId,
    role: vnet.role,
    outcomes,
  });
  const state: VnetState = failedStep ? 'failed' : stepsTotal === 0 ? 'noChanges' : 'succeeded';
  progress.state = state;
  progress.currentSteps = [];
  ctx.df.setCustomStatus(progress);
  return {
    vnetId: vnet.vnetId,
    role: vnet.role,
    state,
    outcomes,
    ...(failedStep ? { failedStep } : {}),
    ...(verification ? { verification } : {}),
    report,
  };
}
