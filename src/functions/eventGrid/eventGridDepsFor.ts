import type { ActivityServices } from '../../activities/ActivityServices';
import { resolveVnets } from '../../activities/resolveVnets';
import type { DurableClientLike } from '../../orchestrations/DurableClientLike';
import type { RetryPolicy } from '../../orchestrations/runSteps';
import type { EventGridDeps } from './EventGridDeps';
import type { RouteCounters } from './RouteCounters';

export interface RemediationSettings {
  tenantId: string;
  principalId: string;
  settleSeconds: number;
  retry?: RetryPolicy;
}

/** The handler's dependencies over one set of activity services and planner configuration, in Azure and locally alike. */
export function eventGridDepsFor(
  client: DurableClientLike,
  services: ActivityServices,
  config: { hubVnetId: string; scope: { subscriptions: string[]; resourceGroups?: string[] } } & Record<
    string,
    unknown
  >,
  settings: RemediationSettings,
  counters: RouteCounters,
  log: EventGridDeps['log'],
): EventGridDeps {
  return {
    client,
    route: {
      hubVnetId: config.hubVnetId,
      scope: config.scope,
      tenantId: settings.tenantId,
      principalId: settings.principalId,
    },
    resolveVnets: (resourceId) => resolveVnets(services.clients, resourceId),
    reconcileInput: (vnetId, trigger) => ({
      vnetId,
      config,
      settleSeconds: settings.settleSeconds,
      trigger,
      ...(settings.retry ? { retry: settings.retry } : {}),
    }),
    counters,
    log,
  };
}
