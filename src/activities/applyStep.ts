import { sameJson } from '../arm/sameJson';
import { DualstackError } from '../azure/DualstackError';
import { applyIpv6Additions } from '../planner/applyIpv6Additions';
import { sameIpv4 } from '../planner/ipv4Fingerprint';
import type { ActivityServices } from './ActivityServices';
import { activityServices } from './ActivityServices';
import type { ApplyStepInput, ApplyStepResult } from './applyStepContract';
import type { WriteDecision } from './readMergeWrite';
import { readMergeWrite } from './readMergeWrite';

/**
 * One plan step. If the resource still has the etag it was planned against, the
 * planned body goes out. If someone changed it since, the step's IPv6 additions
 * are merged onto the fresh resource instead, so their change survives. If it
 * already has every addition nothing is written, which makes the activity safe
 * to repeat after a crash.
 */
export function applyStepWith(services: ActivityServices, input: ApplyStepInput): Promise<ApplyStepResult> {
  const { step } = input;
  return readMergeWrite(services, step.resourceId, (current): WriteDecision => {
    const merged = applyIpv6Additions(current, step.additions);
    if (sameJson(merged, current)) return { write: false };
    const planned = current.etag !== undefined && current.etag === step.plannedEtag;
    const body = planned ? step.desired : merged;
    if (!sameIpv4(current, body)) {
      throw new DualstackError({
        code: 'Ipv4WouldChange',
        detail: `refusing to write ${step.resourceId}: the body would change IPv4 settings`,
        retryable: false,
        resourceId: step.resourceId,
      });
    }
    return { write: true, body, outcome: planned ? 'applied' : 'merged' };
  });
}

export function applyStep(input: ApplyStepInput): Promise<ApplyStepResult> {
  return applyStepWith(activityServices(), input);
}
