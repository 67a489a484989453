import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import { renderPlanMarkdown } from '../../planner/render/renderPlanMarkdown';
import type { ApiDeps } from './ApiDeps';
import { answering, json } from './apiResponses';
import { checkSpokes } from './checkSpokes';
import { validateBody } from './validateBody';

interface PlanRequest {
  spokes?: string[];
}

/** POST /api/plans: the plan a migration would follow, as JSON or Markdown. Writes nothing. */
export function createPlan(request: HttpRequest, deps: ApiDeps): Promise<HttpResponseInit> {
  return answering(async () => {
    const body = validateBody<PlanRequest>('PlanRequest', await request.text());
    await checkSpokes(deps, body.spokes);
    const plan = await deps.plan(body.spokes);
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
