import type { ArmResource } from '../arm/ArmResource';
import { DualstackError } from '../azure/DualstackError';
import { deleteResource } from '../azure/deleteResource';
import { getResource } from '../azure/getResource';
import type { PutResourceOptions } from '../azure/putResource';
import { putResource } from '../azure/putResource';
import type { ActivityServices } from './ActivityServices';
import type { ApplyStepResult } from './applyStepContract';

const MAX_ETAG_RACES = 4;

export type WriteDecision =
  | { write: false }
  | {
      write: true;
      body: ArmResource;
      outcome: 'applied' | 'merged';
      options?: PutResourceOptions;
      /** delete the resource rather than PUT `body` (an AAAA record set Dualstack created, empty again) */
      remove?: true;
    };

/**
 * Read, decide, write with If-Match (with `missing`: a resource that doesn't exist yet is decided
 * from that body and created with If-None-Match: *), and on a lost race (412: someone wrote
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
  missing?: ArmResource,
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
    let current: ArmResource | undefined;
    let seen: ArmResource;
    try {
      seen = current = await getResource(services.clients, resourceId);
    } catch (e) {
      if (!missing || !(e instanceof DualstackError) || e.status !== 404) throw e;
      seen = missing;
    }
    let decision = decide(seen);
    if (!decision.write) {
      if (current?.properties?.provisioningState !== 'Failed') return done('unchanged', seen);
      // A write whose operation failed can leave the resource holding the change with
      // provisioningState Failed; Azure's way out of Failed is a PUT of the resource as it is.
      decision = { write: true, body: current, outcome: 'applied' };
    }
    // Created only if nobody created it meanwhile, changed only if nobody changed it meanwhile.
    const precondition = current
      ? current.etag
        ? { ifMatch: current.etag }
        : {}
      : { ifNoneMatch: '*' as const };
    try {
      if (decision.remove) {
        await deleteResource(services.clients, resourceId, precondition);
        return done(decision.outcome, decision.body);
      }
      const written = await putResource(services.clients, decision.body, {
        ...decision.options,
        ...precondition,
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
