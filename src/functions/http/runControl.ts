import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import type { EstateStatus } from '../../orchestrations/migrateEstate';
import { APPROVE_EVENT, REJECT_EVENT } from '../../orchestrations/migrateEstate';
import type { DecisionEvent } from '../../orchestrations/awaitApproval';
import { callerPrincipal } from './callerPrincipal';
import type { ApiDeps } from './ApiDeps';
import { answering, json } from './apiResponses';
import { findStatus, isActive } from './findStatus';
import { ApiError, validateBody } from './validateBody';
import openapi from './openapi.json';

const RUN_ID = new RegExp(openapi.components.parameters.RunId.schema.pattern);

export function runIdParam(request: HttpRequest): string {
  const id = request.params.id ?? '';
  if (!RUN_ID.test(id)) {
    throw new ApiError(400, 'InvalidRunId', `id: '${id}' is not a run id`, 'id');
  }
  return id;
}

export async function activeRun(deps: ApiDeps, id: string) {
  const status = await findStatus(deps.client, id);
  if (!status) throw new ApiError(404, 'RunNotFound', `id: no migration run '${id}'`, 'id');
  if (!isActive(status)) {
    throw new ApiError(409, 'RunNotActive', `run '${id}' is ${String(status.runtimeStatus)}`, 'id');
  }
  return status;
}

function decide(event: typeof APPROVE_EVENT | typeof REJECT_EVENT) {
  return (request: HttpRequest, deps: ApiDeps): Promise<HttpResponseInit> =>
    answering(async () => {
      const id = runIdParam(request);
      const decision = validateBody<{ comment?: string }>('Decision', await request.text());
      const by = callerPrincipal(request.headers);
      const status = await activeRun(deps, id);
      const phase = (status.customStatus as EstateStatus | undefined)?.phase;
      if (phase !== 'awaitingApproval') {
        throw new ApiError(
          409,
          'NotAwaitingApproval',
          `run '${id}' is not waiting for approval (phase: ${phase ?? 'unknown'})`,
          'id',
        );
      }
      const data: DecisionEvent = { by, at: deps.now().toISOString(), ...decision };
      await deps.client.raiseEvent(id, event, data);
      return json(202, { id, message: `${event} delivered, recorded as by ${by.name}`, by });
    });
}

/** POST /api/migrations/{id}/approve */
export const approveMigration = decide(APPROVE_EVENT);
/** POST /api/migrations/{id}/reject */
export const rejectMigration = decide(REJECT_EVENT);

/** DELETE /api/migrations/{id}: stops the run; what was written stays, and a new run converges. */
export function terminateMigration(request: HttpRequest, deps: ApiDeps): Promise<HttpResponseInit> {
  return answering(async () => {
    const id = runIdParam(request);
    await activeRun(deps, id);
    await deps.client.terminate(id, 'terminated through the API');
    return json(202, { id, message: 'termination requested' });
  });
}
