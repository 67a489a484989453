import type { MigrationResult } from '../src/orchestrations/migrateEstate';

/**
 * A run that wrote what it planned, or found nothing to write, and after which a re-plan
 * finds nothing left. A converged estate is success: a pipeline that re-runs Dualstack
 * on schedule must not go red because there was nothing to do.
 */
export function isConverged(
  result: Pick<MigrationResult, 'outcome'> | undefined,
  stepsLeft: number,
): boolean {
  return (result?.outcome === 'succeeded' || result?.outcome === 'noChanges') && stepsLeft === 0;
}
