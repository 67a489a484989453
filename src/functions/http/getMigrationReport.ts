import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import type { MigrateEstateInput, MigrationResult } from '../../orchestrations/migrateEstate';
import { renderReportHtml } from '../../report/renderReportHtml';
import { runReport } from '../../report/runReport';
import type { ApiDeps } from './ApiDeps';
import { answering } from './apiResponses';
import { findStatus, isActive } from './findStatus';
import { runIdParam } from './runControl';
import { ApiError } from './validateBody';
import { runVnets } from './runVnets';

/**
 * GET /api/migrations/{id}/report: a finished migration as one self-contained HTML page. The run's
 * outcomes come from its result; address spaces are read back now (a plan of the estate, which
 * writes nothing).
 */
export function getMigrationReport(request: HttpRequest, deps: ApiDeps): Promise<HttpResponseInit> {
  return answering(async () => {
    const id = runIdParam(request);
    const status = await findStatus(deps.client, id, { showInput: true });
    const input = status?.input as Partial<MigrateEstateInput> | undefined;
    if (!status || input?.runKind !== 'migration')
      throw new ApiError(404, 'RunNotFound', `id: no migration run '${id}'`, 'id');
    const result = status.output as MigrationResult | undefined;
    if (isActive(status) || !result?.vnets)
      throw new ApiError(
        409,
        'RunNotFinished',
        `id: run '${id}' is ${String(status.runtimeStatus)}; its report is ready once it has finished (GET /api/migrations/${id} shows its progress)`,
        'id',
      );
    const vnets = await runVnets(deps, result.runId, result.vnets, !result.vnetsStored);
    const after = await deps.plan(undefined);
    return {
      status: 200,
      body: renderReportHtml(runReport({ result: { ...result, vnets }, after })),
      headers: {
        'content-type': 'text/html; charset=utf-8',
        // The page needs nothing but its own inline styles; names in it come from the estate.
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
        'x-content-type-options': 'nosniff',
      },
    };
  });
}
