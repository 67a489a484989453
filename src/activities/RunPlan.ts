import { parentResourceId } from '../arm/resourceId';
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

/**
 * A hub-side write of a spoke's migration: the hub's peering to it, synced once the
 * spoke's address space lands. Azure takes one operation at a time on the hub, so
 * these go through the hub lane rather than with the spoke's own steps.
 */
export function isHubSideStep(step: RunStep, hubVnetId: string): boolean {
  const hub = hubVnetId.toLowerCase();
  return (
    step.kind === 'peeringSync' &&
    step.vnetId?.toLowerCase() !== hub &&
    parentResourceId(step.resourceId).toLowerCase() === hub
  );
}
