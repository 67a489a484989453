import type { RolloutSettings } from '../../orchestrations/migrateEstate';
import type { DurableClientLike } from '../../orchestrations/DurableClientLike';
import type { ActivityServices } from '../../activities/ActivityServices';
import { planEstate } from '../../activities/planNetwork';
import { getResource } from '../../azure/getResource';
import { DualstackError } from '../../azure/DualstackError';
import { listNetwork } from '../../azure/listNetwork';
import { idKey, parseResourceId } from '../../arm/resourceId';
import type { ApiDeps } from './ApiDeps';

const VNET_TYPE = 'Microsoft.Network/virtualNetworks';
/** Up to this many VNets are read one by one; more are listed (one paged list per subscription). */
const MAX_SINGLE_READS = 8;

async function vnetExists(services: ActivityServices, vnetId: string): Promise<boolean> {
  try {
    await getResource(services.clients, vnetId);
    return true;
  } catch (error) {
    if (error instanceof DualstackError && error.status === 404) return false;
    throw error;
  }
}

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
    async existingVnets(vnetIds) {
      const keys = [...new Set(vnetIds.map(idKey))];
      if (keys.length > MAX_SINGLE_READS) {
        const subscriptions = [...new Set(keys.map((k) => parseResourceId(k)?.subscriptionId ?? ''))];
        const vnets = await listNetwork(services.clients, subscriptions, undefined, { types: [VNET_TYPE] });
        const listed = new Set(vnets.map((v) => idKey(v.id)));
        return new Set(keys.filter((k) => listed.has(k)));
      }
      const found = await Promise.all(keys.map((k) => vnetExists(services, k)));
      return new Set(keys.filter((_, i) => found[i]));
    },
    recordedVnets: (runId) => services.runs.recordedVnets(runId),
    now: () => new Date(),
  };
}
