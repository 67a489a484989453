import { DualstackError } from '../../azure/DualstackError';
import { inScope } from '../../planner/discovery/discoverVnets';
import { reconcileInstanceId } from '../../orchestrations/instanceIds';
import { CHANGED_EVENT, reconcileSpokeRef } from '../../orchestrations/reconcileSpoke';
import type { EventGridDeps } from './EventGridDeps';
import { parseResourceEvent } from './parseResourceEvent';
import type { RouteDecision } from './RouteDecision';
import { routeResourceEvent } from './routeResourceEvent';
import { startOrSignal } from './startOrSignal';

export interface HandledEvent {
  decision: RouteDecision;
  reconciles: { vnetId: string; instanceId: string; how: 'started' | 'signalled' }[];
}

async function vnetsFor(
  decision: RouteDecision,
  deps: EventGridDeps,
): Promise<{ vnetIds: string[] } | { reject: string }> {
  if (decision.action === 'reconcile' || decision.action === 'release') return { vnetIds: [decision.vnetId] };
  if (decision.action !== 'resolve') return { vnetIds: [] };
  try {
    // A remote VNet (a cross-subscription peering) may be outside the scope even though the event wasn't.
    const found = await deps.resolveVnets(decision.resourceId);
    return { vnetIds: found.filter((v) => inScope(v, deps.route.scope)) };
  } catch (error) {
    // Transient read failures are thrown so Event Grid redelivers; anything terminal (403, a bad id) never will succeed.
    if (error instanceof DualstackError && !error.retryable)
      return { reject: `${decision.resourceId}: ${error.code}: ${error.message}` };
    throw error;
  }
}

/**
 * One delivered event, end to end: parse, route, find the VNet(s), then start each VNet's singleton
 * reconcile or tell the running one that something changed. Malformed and foreign events are logged
 * and counted, never thrown: an exception would only make Event Grid deliver them again.
 */
export async function handleResourceEvent(raw: unknown, deps: EventGridDeps): Promise<HandledEvent> {
  const parsed = await parseResourceEvent(raw);
  let decision: RouteDecision = parsed.ok
    ? routeResourceEvent(parsed.event, deps.route)
    : { action: 'reject', reason: parsed.reason };
  const found = await vnetsFor(decision, deps);
  if ('reject' in found) decision = { action: 'reject', reason: found.reject };
  deps.counters.count(decision);
  if (decision.action === 'reject') deps.log('warn', `resource event rejected: ${decision.reason}`);
  if (decision.action === 'drop')
    deps.log('info', `resource event dropped (${decision.reason}): ${decision.detail}`);
  if (!('vnetIds' in found) || found.vnetIds.length === 0) return { decision, reconciles: [] };

  const trigger = decision.action === 'release' ? 'deleted' : 'changed';
  const eventData = {
    eventId: parsed.ok ? parsed.event.id : '',
    resourceId: 'resourceId' in decision ? decision.resourceId : '',
  };
  const reconciles: HandledEvent['reconciles'] = [];
  for (const vnetId of found.vnetIds) {
    const instanceId = reconcileInstanceId(vnetId);
    const how = await startOrSignal(
      deps.client,
      reconcileSpokeRef.name,
      instanceId,
      deps.reconcileInput(vnetId, trigger),
      CHANGED_EVENT,
      eventData,
    );
    deps.log('info', `reconcile ${how} for ${vnetId} (${instanceId}) after ${eventData.resourceId}`);
    reconciles.push({ vnetId, instanceId, how });
  }
  return { decision, reconciles };
}
