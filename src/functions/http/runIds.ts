import { fnv1a } from '../../orchestrations/instanceIds';

/**
 * One migration instance per hub: a second start while one runs is a 409, not a
 * second writer on the same estate. Each run still gets its own run id (instance
 * id plus start time) for reporting and child instance ids.
 */
export function migrationInstanceId(hubVnetId: string): string {
  return `migration-${fnv1a(hubVnetId.toLowerCase())}`;
}

export function runIdFor(instanceId: string, startedAt: Date): string {
  return `${instanceId}-${startedAt
    .toISOString()
    .replace(/[-:.TZ]/g, '')
    .slice(0, 14)}`;
}

/** One rollback instance per hub, like migrations: a rollback and a migration never write at once. */
export function rollbackInstanceId(hubVnetId: string): string {
  return `rollback-${fnv1a(hubVnetId.toLowerCase())}`;
}
