import { sameJson } from '../arm/sameJson';
import { DualstackError } from '../azure/DualstackError';
import { applyIpv6Additions } from '../planner/applyIpv6Additions';
import { applyIpv6Removals } from '../planner/applyIpv6Removals';
import { sameIpv4 } from '../planner/ipv4Fingerprint';
import { isEmptyDualstackSet } from '../planner/privateDnsRecords';
import type { ActivityServices } from './ActivityServices';
import { activityServices } from './ActivityServices';
import type { ApplyStepInput, ApplyStepResult } from './applyStepContract';
import { commitAvnm } from './commitAvnm';
import { createIfAbsent, deleteIfPresent } from './createOrDeleteResource';
import type { WriteDecision } from './readMergeWrite';
import { readMergeWrite } from './readMergeWrite';
import { missingRecordSet, resolveAaaaAdditions } from './resolveAaaaAdditions';

/**
 * One plan step: the step's IPv6 additions (or, in a rollback, its removals)
 * merged onto a fresh read of the resource, written with If-Match. When nobody touched the resource since
 * planning (same etag) that is exactly the planned body ('applied'); otherwise
 * the human's change survives under our additions ('merged'). A resource that
 * already has every addition is not written, so the activity is safe to repeat.
 */
export async function applyStepWith(
  services: ActivityServices,
  input: ApplyStepInput,
): Promise<ApplyStepResult> {
  const { step } = input;
  // AVNM deploys what a configuration holds only when it is committed: a POST, not a resource write.
  if (step.kind === 'avnmCommit') return commitAvnm(services, step, input.critical);
  // Resources Dualstack creates (IPv6 public IPs): created whole, and deleted whole by a rollback.
  const create = step.additions.find((a) => a.op === 'createResource');
  if (create) return createIfAbsent(services, create.value, input.critical);
  if (step.removals?.some((r) => r.op === 'deleteResource'))
    return deleteIfPresent(services, step.resourceId);
  const dns = step.kind === 'privateDnsRecordSet';
  const additions = dns ? await resolveAaaaAdditions(services.clients, step.additions) : step.additions;
  return readMergeWrite(
    services,
    step.resourceId,
    (current): WriteDecision => {
      const body = applyIpv6Removals(applyIpv6Additions(current, additions), step.removals ?? []);
      if (sameJson(body, current)) return { write: false };
      const planned = current.etag !== undefined && current.etag === step.plannedEtag;
      const outcome = planned ? 'applied' : 'merged';
      // A set Dualstack created goes once the rollback took its last record: nobody else's is left.
      if (dns && step.removals && isEmptyDualstackSet(body))
        return { write: true, body, outcome, remove: true };
      if (!sameIpv4(current, body)) {
        throw new DualstackError({
          code: 'Ipv4WouldChange',
          detail: `refusing to write ${step.resourceId}: the body would change IPv4 settings`,
          retryable: false,
          resourceId: step.resourceId,
        });
      }
      return { write: true, body, outcome };
    },
    input.critical,
    dns ? missingRecordSet(step.resourceId, additions) : undefined,
  );
}

export function applyStep(input: ApplyStepInput): Promise<ApplyStepResult> {
  return applyStepWith(activityServices(), input);
}
