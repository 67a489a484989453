import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import type { MigrateEstateInput, MigrationResult, EstateStatus } from '../../orchestrations/migrateEstate';
import type { RollbackEstateInput } from '../../orchestrations/rollbackEstate';
import { rollbackEstateRef } from '../../orchestrations/rollbackEstate';
import type { ApiDeps } from './ApiDeps';
import { answering, json } from './apiResponses';
import { findStatus, isActive, refuseWhileActive } from './findStatus';
import { runIdParam } from './runControl';
import { migrationInstanceId, rollbackInstanceId, runIdFor } from './runIds';
import { runVnets } from './runVnets';
import { runLinks } from './startMigration';
import { ApiError, validateBody } from './validateBody';

interface RollbackRequest {
  vnetIds?: string[];
  dryRun?: boolean;
  approval?: { required?: boolean; timeoutMinutes?: number };
  rollout?: { maxParallelWrites?: number };
}

/** States of a VNet in which the run may have written to it. */
const TOUCHED = new Set(['running', 'succeeded', 'failed']);

/**
 * POST /api/migrations/{id}/rollback: the VNets a finished migration touched (or the ones named,
 * which must be among them) go back to IPv4 through a rollbackEstate run, which plans, waits for
 * approval and writes like a migration. Nothing starts while a migration or rollback is running.
 */
export function rollbackMigration(request: HttpRequest, deps: ApiDeps): Promise<HttpResponseInit> {
  return answering(async () => {
    const id = runIdParam(request);
    const body = validateBody<RollbackRequest>('RollbackRequest', await request.text());
    const run = await findStatus(deps.client, id, { showInput: true });
    if (!run) throw new ApiError(404, 'RunNotFound', `id: no migration run '${id}'`, 'id');
    const runInput = run.input as Partial<MigrateEstateInput> | undefined;
    if (runInput?.runKind !== 'migration' && runInput?.runKind !== 'remediation')
      throw new ApiError(
        400,
        'NotAMigration',
        `id: '${id}' is not a migration run; only migrations roll back`,
        'id',
      );
    if (isActive(run))
      throw new ApiError(
        409,
        'RunNotFinished',
        `run '${id}' is ${String(run.runtimeStatus)}; wait for it or DELETE it`,
        'id',
      );
    const output = run.output as MigrationResult | undefined;
    const vnets = output?.vnets
      ? await runVnets(deps, output.runId, output.vnets, !output.vnetsStored)
      : ((run.customStatus as EstateStatus | undefined)?.vnets ?? []);
    const touched = new Map(
      vnets.filter((v) => TOUCHED.has(v.state)).map((v) => [v.vnetId.toLowerCase(), v.vnetId]),
    );
    if (touched.size === 0)
      throw new ApiError(
        409,
        'NothingToRollBack',
        `run '${id}' wrote to no VNet: there is nothing to roll back`,
        'id',
      );
    const outside = (body.vnetIds ?? []).findIndex((v) => !touched.has(v.toLowerCase()));
    if (outside >= 0)
      throw new ApiError(
        400,
        'NotInRun',
        `vnetIds[${outside}]: ${body.vnetIds?.[outside] ?? ''} is not a VNet run '${id}' wrote to`,
        `vnetIds[${outside}]`,
      );
    await refuseWhileActive(deps.client, migrationInstanceId(deps.config.hubVnetId), 'MigrationInProgress');
    const instanceId = rollbackInstanceId(deps.config.hubVnetId);
    await refuseWhileActive(deps.client, instanceId, 'RollbackInProgress');
    const input: RollbackEstateInput = {
      runId: runIdFor(instanceId, deps.now()),
      rollsBack: runInput.runId ?? id,
      config: deps.config,
      vnetIds: body.vnetIds ?? [...touched.values()],
      dryRun: body.dryRun ?? false,
      approval: { ...deps.defaults.approval, ...body.approval },
      rollout: {
        maxParallelWrites: body.rollout?.maxParallelWrites ?? deps.defaults.rollout.maxParallelWrites,
      },
    };
    await deps.client.startNew(rollbackEstateRef.name, { instanceId, input });
    const links = runLinks(request, instanceId);
    return {
      ...json(202, links),
      headers: { 'content-type': 'application/json; charset=utf-8', location: links.statusQueryGetUri },
    };
  });
}
