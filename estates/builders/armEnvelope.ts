import type { ArmResource } from '../../src/arm/ArmResource';
import type { BuildContext } from './BuildContext';
import { etagFor } from './etagFor';

/** The identity of a resource being built: known before its properties, so children can point at it. */
export interface Identity {
  id: string;
  name: string;
  type: string;
  etag: string;
}

/** A child resource (subnet, ip configuration, route...) as ARM GET returns it inline in its parent. */
export interface ChildResource {
  name: string;
  id: string;
  etag: string;
  type: string;
  properties: Record<string, unknown>;
}

export interface Ref {
  id: string;
}

export function ref(id: string): Ref {
  return { id };
}

export function networkResourceId(
  ctx: BuildContext,
  resourceGroup: string,
  type: string,
  name: string,
): string {
  return `/subscriptions/${ctx.subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Network/${type}/${name}`;
}

export function identity(ctx: BuildContext, resourceGroup: string, type: string, name: string): Identity {
  const id = networkResourceId(ctx, resourceGroup, type, name);
  return { id, name, type: `Microsoft.Network/${type}`, etag: etagFor(id) };
}

/** Extra envelope fields some types carry (SKU, zones, tags). */
export type EnvelopeExtras = Pick<ArmResource, 'sku' | 'zones' | 'tags'>;

/** Marks freshly built properties provisioned; in place, as large estates build hundreds of thousands. */
function succeeded(properties: Record<string, unknown>): Record<string, unknown> {
  properties.provisioningState = 'Succeeded';
  return properties;
}

export function armResource(
  ctx: BuildContext,
  who: Identity,
  properties: Record<string, unknown>,
  extras: EnvelopeExtras = {},
): ArmResource {
  return {
    name: who.name,
    id: who.id,
    etag: who.etag,
    type: who.type,
    location: ctx.location,
    ...extras,
    properties: succeeded(properties),
  };
}

/**
 * Children carry their parent's etag, as ARM returns them. `segment` is the id
 * segment, which differs from the JSON collection for a few types (a Bastion
 * host lists `ipConfigurations` whose ids say `bastionHostIpConfigurations`).
 */
export function childResource(
  parent: Identity,
  segment: string,
  name: string,
  properties: Record<string, unknown>,
): ChildResource {
  return {
    name,
    id: `${parent.id}/${segment}/${name}`,
    etag: parent.etag,
    type: `${parent.type}/${segment}`,
    properties: succeeded(properties),
  };
}
