import { sameJson } from '../arm/sameJson';
import type { ArmResource } from '../arm/ArmResource';
import { DualstackError } from '../azure/DualstackError';
import { getResource } from '../azure/getResource';
import { putResource } from '../azure/putResource';
import { applyIpv6Additions } from '../planner/applyIpv6Additions';
import { sameIpv4 } from '../planner/ipv4Fingerprint';
import type { ActivityServices } from './ActivityServices';
import { activityServices } from './ActivityServices';
import type { ApplyStepInput, ApplyStepResult } from './applyStepContract';

const MAX_ETAG_RACES = 3;

function elapsed(start: number): number {
  return Date.now() - start;
}

/**
 * One plan step, read-merge-write. If the resource still has the etag it was
 * planned against, the planned body goes out with If-Match. If someone changed it
 * since, the step's IPv6 additions are merged onto the fresh resource instead, so
 * their change survives. If it already has every addition nothing is written,
 * which makes the activity safe to repeat after a crash.
 */
export async function applyStepWith(
  services: ActivityServices,
  input: ApplyStepInput,
): Promise<ApplyStepResult> {
  const { step } = input;
  const start = Date.now();
  const poll =
    services.updateIntervalInMs !== undefined ? { updateIntervalInMs: services.updateIntervalInMs } : {};
  for (let attempt = 1; ; attempt++) {
    const current = await getResource(services.clients, step.resourceId);
    const merged = applyIpv6Additions(current, step.additions);
    if (sameJson(merged, current))
      return { outcome: 'unchanged', durationMs: elapsed(start), ...etagOf(current) };
    const planned = current.etag !== undefined && current.etag === step.plannedEtag;
    const body: ArmResource = planned ? step.desired : merged;
    if (!sameIpv4(current, body)) {
      throw new DualstackError({
        code: 'Ipv4WouldChange',
        detail: `refusing to write ${step.resourceId}: the body would change IPv4 settings`,
        retryable: false,
        resourceId: step.resourceId,
      });
    }
    try {
      const written = await putResource(services.clients, body, {
        ...(current.etag ? { ifMatch: current.etag } : {}),
        ...poll,
      });
      return { outcome: planned ? 'applied' : 'merged', durationMs: elapsed(start), ...etagOf(written) };
    } catch (error) {
      // Someone wrote between our read and our write: read again and re-merge.
      const lostRace = error instanceof DualstackError && error.status === 412;
      if (!lostRace || attempt >= MAX_ETAG_RACES) throw error;
    }
  }
}

function etagOf(resource: ArmResource): { etag?: string } {
  return resource.etag ? { etag: resource.etag } : {};
}

export function applyStep(input: ApplyStepInput): Promise<ApplyStepResult> {
  return applyStepWith(activityServices(), input);
}
