import type { Plan, PlanStep } from '../planner/Plan';

/**
 * The plan as a run carries it: every step without its full desired body. The
 * body is the observed resource plus the step's IPv6 additions, so applyStep
 * rebuilds it from a fresh read; keeping whole resources out of orchestration
 * history keeps every replay cheap (a 50-spoke plan is ~3 MB with bodies, and the
 * Durable extension re-sends history on every episode).
 */
export type RunStep = Omit<PlanStep, 'desired'>;
export type RunPlan = Omit<Plan, 'steps'> & { steps: RunStep[] };

export function toRunPlan(plan: Plan): RunPlan {
  return { ...plan, steps: plan.steps.map(({ desired: _desired, ...step }) => step) };
}
