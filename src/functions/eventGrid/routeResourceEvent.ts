import { hasResolvableNames, idKey, parentResourceId, parseResourceId } from '../../arm/resourceId';
import remediationEvents from '../../config/remediationEvents.json';
import { inScope } from '../../planner/discovery/discoverVnets';
import type { ResourceEvent } from './ResourceEvent';
import { DELETE_SUCCESS, WRITE_SUCCESS } from './ResourceEvent';
import type { RouteDecision } from './RouteDecision';

export interface RouteContext {
  hubVnetId: string;
  scope: { subscriptions: string[]; resourceGroups?: string[] };
  /** our tenant: events from any other are dropped */
  tenantId: string;
  /** our managed identity's object id: events it caused are our own writes, dropped to prevent loops */
  principalId: string;
}

/** The same list the Event Grid subscription filters on (infra), so a widened filter can't widen what we act on unseen. */
const OPERATIONS = new Set(remediationEvents.operationNames.map((o) => o.toLowerCase()));

const OID_CLAIM = 'http://schemas.microsoft.com/identity/claims/objectidentifier';
const TID_CLAIM = 'http://schemas.microsoft.com/identity/claims/tenantid';

const VNET = 'microsoft.network/virtualnetworks';
/** The VNet is in the id itself. */
const VNET_TYPES = new Set([VNET, `${VNET}/subnets`, `${VNET}/virtualnetworkpeerings`]);
/** Top-level types whose VNet only a read can tell; their child writes (routes, rules, pools) count too. */
const RESOLVED_TYPES = new Set([
  'microsoft.network/networkinterfaces',
  'microsoft.network/loadbalancers',
  'microsoft.network/routetables',
  'microsoft.network/networksecuritygroups',
]);

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/** GUIDs compare without dashes and case: ARM writes evidence.principalId without dashes. */
function sameGuid(a: string | undefined, b: string): boolean {
  const norm = (g: string): string => g.replace(/-/g, '').toLowerCase();
  return a !== undefined && norm(a) === norm(b);
}

/** The principal that caused the event, from the token claims or the authorization evidence. */
function callers(data: Record<string, unknown>): string[] {
  const claims = record(data.claims);
  const evidence = record(record(data.authorization).evidence);
  return [text(claims[OID_CLAIM]), text(claims.oid), text(evidence.principalId)].filter(
    (v): v is string => v !== undefined,
  );
}

/**
 * Decides what one resource event means for Dualstack, without I/O: reconcile a VNet, release a deleted
 * VNet's prefix, resolve a resource's VNet with a read, or drop/ignore/reject it with a reason.
 * The order matters: cheap ignores first, then the security checks, so nothing from another tenant or
 * from our own identity gets past this point.
 */
export function routeResourceEvent(event: ResourceEvent, ctx: RouteContext): RouteDecision {
  const write = event.eventType === WRITE_SUCCESS;
  if (!write && event.eventType !== DELETE_SUCCESS)
    return { action: 'ignore', reason: `event type ${event.eventType}` };
  const { data } = event;
  const resourceUri = text(data.resourceUri);
  if (!resourceUri) return { action: 'reject', reason: `event ${event.id}: data.resourceUri is missing` };
  const parsed = parseResourceId(resourceUri);
  // A name ARM can't hold ('..', reserved characters) would read some other resource, or none.
  if (!parsed || !hasResolvableNames(parsed))
    return {
      action: 'reject',
      reason: `event ${event.id}: data.resourceUri '${resourceUri}' is not an ARM resource id`,
    };

  const tenant = text(data.tenantId) ?? text(record(data.claims)[TID_CLAIM]);
  if (!sameGuid(tenant, ctx.tenantId))
    return {
      action: 'drop',
      reason: 'foreignTenant',
      detail: `tenant ${tenant ?? '(none)'} for ${resourceUri}`,
    };
  if (!inScope(resourceUri, ctx.scope))
    return { action: 'drop', reason: 'outOfScope', detail: `${resourceUri} is outside the configured scope` };
  const caller = callers(data).find((c) => sameGuid(c, ctx.principalId));
  if (caller)
    return { action: 'drop', reason: 'ownWrite', detail: `${resourceUri} was written by our own identity` };

  const operation = text(data.operationName) ?? text(record(data.authorization).action) ?? '';
  if (!OPERATIONS.has(operation.toLowerCase()))
    return { action: 'ignore', reason: `operation ${operation || '(none)'}` };
  const type = parsed.type.toLowerCase();
  if (!write) {
    // Only a deleted VNet frees anything; a deleted NIC or subnet leaves nothing to do.
    if (type === VNET) return { action: 'release', vnetId: resourceUri, resourceId: resourceUri };
    return { action: 'ignore', reason: `delete of ${parsed.type}` };
  }
  if (VNET_TYPES.has(type)) {
    const vnetId = parentResourceId(resourceUri);
    // The hub's side of a peering names the spoke only in its body.
    if (type.endsWith('/virtualnetworkpeerings') && idKey(vnetId) === idKey(ctx.hubVnetId))
      return { action: 'resolve', resourceId: resourceUri };
    return { action: 'reconcile', vnetId, resourceId: resourceUri };
  }
  const topType = type.split('/').slice(0, 2).join('/');
  if (RESOLVED_TYPES.has(topType)) return { action: 'resolve', resourceId: parentResourceId(resourceUri) };
  return { action: 'ignore', reason: `write of ${parsed.type}` };
}
