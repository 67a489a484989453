import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import type { MigrateEstateInput, RolloutSettings } from '../../orchestrations/migrateEstate';
import { migrateEstateRef } from '../../orchestrations/migrateEstate';
import type { ApiDeps } from './ApiDeps';
import { answering, json } from './apiResponses';
import { checkSpokes } from './checkSpokes';
import { refuseWhileActive } from './findStatus';
import { migrationInstanceId, rollbackInstanceId, runIdFor } from './runIds';
import { ApiError, validateBody } from './validateBody';

interface MigrationRequest {
  spokes?: string[];
  dryRun?: boolean;
  approval?: { required?: boolean; timeoutMinutes?: number };
  rollout?: Partial<RolloutSettings>;
}

export function runLinks(
  request: HttpRequest,
  id: string,
): {
  id: string;
  statusQueryGetUri: string;
  approvePostUri: string;
  rejectPostUri: string;
  terminateDeleteUri: string;
} {
  const base = `${new URL(request.url).origin}/api/migrations/${encodeURIComponent(id)}`;
  return {
    id,
    statusQueryGetUri: base,
    approvePostUri: `${base}/approve`,
    rejectPostUri: `${base}/reject`,
    terminateDeleteUri: base,
  };
}

/** POST /api/migrations: validate, refuse a second concurrent run, start migrateEstate, answer 202. */
export function startMigration(request: HttpRequest, deps: ApiDeps): Promise<HttpResponseInit> {
  return answering(async () => {
    const body = validateBody<MigrationRequest>('MigrationRequest', await request.text());
    await checkSpokes(deps, body.spokes);
    const canaries = body.rollout?.canaryVnetIds;
    await checkSpokes(deps, canaries, 'rollout.canaryVnetIds');
    const chosen = body.spokes && new Set(body.spokes.map((s) => s.toLowerCase()));
    const outside = chosen ? (canaries ?? []).findIndex((c) => !chosen.has(c.toLowerCase())) : -1;
    if (outside >= 0) {
      throw new ApiError(
        400,
        'CanaryNotInRun',
        `rollout.canaryVnetIds[${outside}]: ${canaries?.[outside] ?? ''} is not one of the spokes this run migrates`,
        `rollout.canaryVnetIds[${outside}]`,
      );
    }
    const instanceId = migrationInstanceId(deps.config.hubVnetId);
    await refuseWhileActive(deps.client, rollbackInstanceId(deps.config.hubVnetId), 'RollbackInProgress');
    await refuseWhileActive(deps.client, instanceId, 'MigrationInProgress', `migration ${instanceId}`);
    const input: MigrateEstateInput = {
      runId: runIdFor(instanceId, deps.now()),
      runKind: 'migration',
      config: deps.config,
      ...(body.spokes ? { onlyVnetIds: body.spokes } : {}),
      dryRun: body.dryRun ?? false,
      approval: { ...deps.defaults.approval, ...body.approval },
      rollout: { ...deps.defaults.rollout, ...body.rollout },
    };
    await deps.client.startNew(migrateEstateRef.name, { instanceId, input });
    const links = runLinks(request, instanceId);
    return {
      ...json(202, links),
      headers: { 'content-type': 'application/json; charset=utf-8', location: links.statusQueryGetUri },
    };
  });
}
