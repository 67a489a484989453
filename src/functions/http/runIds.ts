import { randomBytes } from 'node:crypto';
import { fnv1a } from '../../orchestrations/instanceIds';

/**
 * One migration instance per hub: a second start while one runs is a 409, not a
 * second writer on the same estate. Each run still gets its own run id for
 * reporting, its stored plan and its child instance ids.
 */
export function migrationInstanceId(hubVnetId: string): string {
  return `migration-${fnv1a(hubVnetId.toLowerCase())}`;
}

/**
 * The instance id, the start time (to the millisecond, for people reading logs) and a random
 * part: two runs started in the same millisecond (a rejected run restarted at once) must not
 * share child instance ids, report rows or a stored plan. Drawn here, in the trigger, and
 * carried in the input, so orchestrators replay it unchanged.
 */
export function runIdFor(
  instanceId: string,
  startedAt: Date,
  unique = randomBytes(4).toString('hex'),
): string {
  return `${instanceId}-${startedAt
    .toISOString()
    .replace(/[-:.TZ]/g, '')
    .slice(0, 17)}-${unique}`;
}

/** One rollback instance per hub, like migrations: a rollback and a migration never write at once. */
export function rollbackInstanceId(hubVnetId: string): string {
  return `rollback-${fnv1a(hubVnetId.toLowerCase())}`;
}
