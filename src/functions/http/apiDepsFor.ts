import type { RolloutSettings } from '../../orchestrations/migrateEstate';
import type { DurableClientLike } from '../../orchestrations/DurableClientLike';
import type { ActivityServices } from '../../activities/ActivityServices';
import { planEstate } from '../../activities/planNetwork';
import { getResource } from '../../azure/getResource';
import { DualstackError } from '../../azure/DualstackError';
import type { ApiDeps } from './ApiDeps';

interface PlannerSettings {
  hubVnetId: string;
  scope: { subscriptions: string[] };
  approval?: { required: boolean; timeoutMinutes: number };
  rollout?: RolloutSettings;
}

/** The handlers' dependencies over one set of activity services, in Azure and locally alike. */
export function apiDepsFor(
  client: DurableClientLike,
  services: ActivityServices,
  config: PlannerSettings & Record<string, unknown>,
): ApiDeps {
  return {
    client,
    config,
    defaults: {
      approval: config.approval ?? { required: true, timeoutMinutes: 1440 },
      rollout: config.rollout ?? { maxParallelSpokes: 4, canarySpokes: 1, abortAfterFailures: 2 },
    },
    plan: (onlyVnetIds) => planEstate(services, { config, ...(onlyVnetIds ? { onlyVnetIds } : {}) }),
    planRollback: (vnetIds) =>
      planEstate(services, {
        config,
        rollback: { ...(vnetIds ? { vnetIds } : {}), tagValue: 'rolled back by Dualstack' },
      }),
    async vnetExists(vnetId) {
      try {
        await getResource(services.clients, vnetId);
        return true;
      } catch (error) {
        if (error instanceof DualstackError && error.status === 404) return false;
        throw error;
      }
    },
    now: () => new Date(),
  };
}
