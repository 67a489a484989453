import type { Plan } from '../Plan';

export const PLAN_SCHEMA_ID = 'https://dualstack.local/schemas/plan.schema.json';

/** The plan as JSON, pointing at its published schema (plan.schema.json next to this file). */
export function renderPlanJson(plan: Plan, indent = 2): string {
  return JSON.stringify({ $schema: PLAN_SCHEMA_ID, ...plan }, null, indent);
}
