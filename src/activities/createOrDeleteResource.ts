import type { ArmResource } from '../arm/ArmResource';
import { DualstackError } from '../azure/DualstackError';
import { deleteResource } from '../azure/deleteResource';
import { getResource } from '../azure/getResource';
import { putResource } from '../azure/putResource';
import type { ActivityServices } from './ActivityServices';
import type { ApplyStepResult } from './applyStepContract';

function pollOptions(services: ActivityServices, critical: boolean): { updateIntervalInMs?: number } {
  const interval = critical
    ? services.updateIntervalInMs
    : (services.backgroundUpdateIntervalInMs ?? services.updateIntervalInMs);
  return interval !== undefined ? { updateIntervalInMs: interval } : {};
}

async function current(services: ActivityServices, resourceId: string): Promise<ArmResource | undefined> {
  try {
    return await getResource(services.clients, resourceId);
  } catch (error) {
    if (error instanceof DualstackError && error.status === 404) return undefined;
    throw error;
  }
}

/**
 * A resource Dualstack creates (an IPv6 public IP): created with If-None-Match '*' when missing, left
 * alone when it exists (a repeat, or someone created it meanwhile: a 412 is that race, lost harmlessly).
 */
export async function createIfAbsent(
  services: ActivityServices,
  body: ArmResource,
  critical = false,
): Promise<ApplyStepResult> {
  const start = Date.now();
  const done = (outcome: ApplyStepResult['outcome'], r: ArmResource | undefined): ApplyStepResult => ({
    outcome,
    durationMs: Date.now() - start,
    ...(r?.etag ? { etag: r.etag } : {}),
  });
  const existing = await current(services, body.id);
  if (existing) return done('unchanged', existing);
  try {
    const written = await putResource(services.clients, body, {
      ifNoneMatch: '*',
      ...pollOptions(services, critical),
    });
    return done('applied', written);
  } catch (error) {
    if (!(error instanceof DualstackError) || error.status !== 412) throw error;
    return done('unchanged', await current(services, body.id));
  }
}

/** Rollback of a created resource: deleted with If-Match on the etag just read; already gone is done. */
export async function deleteIfPresent(
  services: ActivityServices,
  resourceId: string,
): Promise<ApplyStepResult> {
  const start = Date.now();
  const existing = await current(services, resourceId);
  if (!existing) return { outcome: 'unchanged', durationMs: Date.now() - start };
  await deleteResource(services.clients, resourceId, existing.etag ? { ifMatch: existing.etag } : {});
  return { outcome: 'applied', durationMs: Date.now() - start };
}
