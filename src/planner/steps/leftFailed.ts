import type { ArmResource } from '../../arm/ArmResource';

/**
 * A resource whose last operation failed. Azure's documented way back to Succeeded is a PUT of
 * the resource as it is (learn.microsoft.com/azure/networking/troubleshoot-failed-state), and a
 * run that gave up after a failed operation can leave its change stored but Failed: the plan then
 * re-PUTs a resource it manages even when it has nothing to add, so a re-run settles it.
 */
export function leftFailed(resource: ArmResource): boolean {
  return resource.properties?.provisioningState === 'Failed';
}

/** The summary of a step that adds nothing and only re-PUTs a Failed resource. */
export function reapplySummary(label: string): string {
  return `${label}: re-PUT as it is (its last operation left it Failed)`;
}

/** `${label}: ${what the step adds}`, or the re-PUT summary when it adds nothing. */
export function stepSummary(label: string, additions: number, describe: () => string): string {
  return additions === 0 ? reapplySummary(label) : `${label}: ${describe()}`;
}
