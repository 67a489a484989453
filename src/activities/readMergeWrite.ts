import type { ArmResource } from '../arm/ArmResource';
import { DualstackError } from '../azure/DualstackError';
import { getResource } from '../azure/getResource';
import type { PutResourceOptions } from '../azure/putResource';
import { putResource } from '../azure/putResource';
import type { ActivityServices } from './ActivityServices';
import type { ApplyStepResult } from './applyStepContract';

const MAX_ETAG_RACES = 4;

export type WriteDecision =
  | { write: false }
  | { write: true; body: ArmResource; outcome: 'applied' | 'merged'; options?: PutResourceOptions };

/**
 * Read, decide, write with If-Match, and on a lost race (412: someone wrote
 * between our read and our write) read again and decide again. Every write in
 * Dualstack goes through here, so none can overwrite a change it has not seen.
 * After a few lost races in a row the failure is retryable: the orchestration
 * backs off on a durable timer instead of spinning here.
 */
export async function readMergeWrite(
  services: ActivityServices,
  resourceId: string,
  decide: (current: ArmResource) => WriteDecision,
  critical = false,
): Promise<ApplyStepResult> {
  const start = Date.now();
  const interval = critical
    ? services.updateIntervalInMs
    : (services.backgroundUpdateIntervalInMs ?? services.updateIntervalInMs);
  const poll = interval !== undefined ? { updateIntervalInMs: interval } : {};
  const done = (outcome: ApplyStepResult['outcome'], resource: ArmResource): ApplyStepResult => ({
    outcome,
    durationMs: Date.now() - start,
    ...(resource.etag ? { etag: resource.etag } : {}),
  });
  for (let attempt = 1; ; attempt++) {
    const current = await getResource(services.clients, resourceId);
    const decision = decide(current);
    if (!decision.write) return done('unchanged', current);
    try {
      const written = await putResource(services.clients, decision.body, {
        ...decision.options,
        ...(current.etag ? { ifMatch: current.etag } : {}),
        ...poll,
      });
      return done(decision.outcome, written);
    } catch (error) {
      if (!(error instanceof DualstackError) || error.status !== 412) throw error;
      if (attempt >= MAX_ETAG_RACES) {
        throw new DualstackError({ ...error.toJSON(), code: 'EtagRaceLost', retryable: true });
      }
    }
  }
}
