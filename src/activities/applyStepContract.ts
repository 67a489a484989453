import type { RunStep } from './RunPlan';
import type { ActivityRef } from '../orchestrations/durableTasks';

export interface ApplyStepInput {
  runId: string;
  step: RunStep;
  /** on the run's critical path (the hub lane): poll its operation at the eager interval */
  critical?: boolean;
}

export interface ApplyStepResult {
  /** applied: written as planned; merged: the resource moved since planning and the IPv6 additions were re-merged onto it; unchanged: already had them, no write */
  outcome: 'applied' | 'merged' | 'unchanged';
  durationMs: number;
  etag?: string;
}

export const applyStepRef: ActivityRef<ApplyStepInput, ApplyStepResult> = { name: 'applyStep' };
export const syncPeeringRef: ActivityRef<ApplyStepInput, ApplyStepResult> = { name: 'syncPeering' };
