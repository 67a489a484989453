import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import { renderPlanMarkdown } from '../../planner/render/renderPlanMarkdown';
import type { ApiDeps } from './ApiDeps';
import { answering, json } from './apiResponses';
import { checkSpokes } from './checkSpokes';
import { ApiError, validateBody } from './validateBody';
import type { Plan } from '../../planner/Plan';
import { PlanInputError } from '../../planner/PlanInputError';

interface PlanRequest {
  spokes?: string[];
  rollback?: { vnetIds?: string[] };
}

async function rollbackPlan(deps: ApiDeps, vnetIds: string[] | undefined): Promise<Plan> {
  // The hub may be rolled back too, so not checkSpokes: the planner names what isn't hub or spoke.
  try {
    return await deps.planRollback(vnetIds);
  } catch (error) {
    // planRollback names the VNet that is not the hub or one of its spokes: vnetIds[i].
    if (!(error instanceof PlanInputError)) throw error;
    const problem = error.problems[0] ?? '';
    const field = /^vnetIds\[\d+\]/.exec(problem)?.[0];
    throw new ApiError(
      400,
      'NotInEstate',
      `rollback.${problem}`,
      field ? `rollback.${field}` : 'rollback.vnetIds',
    );
  }
}

/**
 * POST /api/plans: the plan a migration would follow, or with `rollback` the plan that would take
 * Dualstack's IPv6 back out, as JSON or Markdown. Writes nothing.
 */
export function createPlan(request: HttpRequest, deps: ApiDeps): Promise<HttpResponseInit> {
  return answering(async () => {
    const body = validateBody<PlanRequest>('PlanRequest', await request.text());
    if (body.spokes && body.rollback)
      throw new ApiError(
        400,
        'InvalidRequest',
        'spokes and rollback: ask for one plan at a time',
        'rollback',
      );
    await checkSpokes(deps, body.spokes);
    const plan = body.rollback
      ? await rollbackPlan(deps, body.rollback.vnetIds)
      : await deps.plan(body.spokes);
    if ((request.headers.get('accept') ?? '').includes('text/markdown')) {
      return {
        status: 200,
        body: renderPlanMarkdown(plan),
        headers: { 'content-type': 'text/markdown; charset=utf-8' },
      };
    }
    return json(200, plan);
  });
}
