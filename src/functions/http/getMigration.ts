import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import type { EstateStatus, MigrateEstateInput } from '../../orchestrations/migrateEstate';
import type { VnetProgress } from '../../orchestrations/migrateVnet';
import { addressSpaceInstanceId, vnetInstanceId } from '../../orchestrations/instanceIds';
import type { ApiDeps } from './ApiDeps';
import { answering, json } from './apiResponses';
import { findStatus } from './findStatus';
import { runIdParam } from './runControl';
import { ApiError } from './validateBody';
import { runVnets } from './runVnets';

/**
 * GET /api/migrations/{id}: the run's phase and plan summary, with each running
 * VNet's live step progress read from its sub-orchestration (deterministic ids).
 */
export function getMigration(request: HttpRequest, deps: ApiDeps): Promise<HttpResponseInit> {
  return answering(async () => {
    const id = runIdParam(request);
    const status = await findStatus(deps.client, id, { showInput: true });
    if (!status) throw new ApiError(404, 'RunNotFound', `id: no migration run '${id}'`, 'id');
    const custom = status.customStatus as EstateStatus | undefined;
    const runId = (status.input as MigrateEstateInput | undefined)?.runId;
    // A long run's status lists some VNets and counts the rest; the run store has them all.
    const listed = await runVnets(
      deps,
      runId,
      custom?.vnets ?? [],
      custom?.vnetsOmitted === undefined && custom?.piece === undefined,
    );
    const vnets = await Promise.all(
      listed.map(async (v) => {
        if (v.state !== 'running' || !runId) return v;
        // A spoke writes its address space first, in a sub-orchestration of its own.
        const child =
          (await findStatus(deps.client, vnetInstanceId(runId, v.vnetId))) ??
          (await findStatus(deps.client, addressSpaceInstanceId(runId, v.vnetId)));
        const progress = child?.customStatus as VnetProgress | undefined;
        return progress ? { ...v, stepsDone: progress.stepsDone, currentSteps: progress.currentSteps } : v;
      }),
    );
    return json(200, {
      id,
      runtimeStatus: String(status.runtimeStatus),
      createdTime: new Date(status.createdTime).toISOString(),
      lastUpdatedTime: new Date(status.lastUpdatedTime).toISOString(),
      ...(custom ? { phase: custom.phase, plan: custom.plan ?? {}, vnets } : {}),
      ...(custom?.vnetCounts ? { vnetCounts: custom.vnetCounts } : {}),
      ...(custom?.piece ? { piece: custom.piece } : {}),
      ...(custom?.steps ? { steps: custom.steps } : {}),
      ...(custom?.approval ? { approval: custom.approval } : {}),
      ...(status.output && typeof status.output === 'object' ? { output: status.output } : {}),
    });
  });
}
