import { randomUUID } from 'node:crypto';
import type { ArmResource } from '../../src/arm/ArmResource';
import { sameJson } from '../../src/arm/sameJson';
import { childArray, props } from '../store/subResources';
import type { ResourceTypeSpec } from './ResourceTypeSpec';

export function newEtag(): string {
  return `W/"${randomUUID()}"`;
}

/** Every write gives the resource and all its inline children one new etag, as Network RP does. */
export function stampEtag(spec: ResourceTypeSpec, resource: ArmResource, etag: string): void {
  resource.etag = etag;
  for (const c of spec.children) for (const child of childArray(resource, c.property)) child.etag = etag;
}

/** Moves the resource and its children that are in `from` (or all, when `from` is undefined) to `to`. */
export function setProvisioningState(
  spec: ResourceTypeSpec,
  resource: ArmResource,
  to: string,
  from?: string,
  onlyChild?: { property: string; name: string },
): void {
  const apply = (node: { properties?: Record<string, unknown> }): void => {
    const p = props(node);
    if (from === undefined || p.provisioningState === from) p.provisioningState = to;
  };
  apply(resource);
  for (const c of spec.children) {
    if (onlyChild && onlyChild.property !== c.property) continue;
    for (const child of childArray(resource, c.property)) {
      if (onlyChild && String(child.name).toLowerCase() !== onlyChild.name.toLowerCase()) continue;
      apply(child);
    }
  }
}

const VOLATILE = new Set(['etag', 'provisioningState', 'resourceGuid']);

/** The desired state only: service-owned fields out, and empty or false values read as absent (ARM's defaults). */
function desiredState(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(desiredState);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (VOLATILE.has(k)) continue;
    const d = desiredState(v);
    const empty =
      d === undefined ||
      d === null ||
      d === false ||
      d === '' ||
      (Array.isArray(d) && d.length === 0) ||
      (typeof d === 'object' && d !== null && !Array.isArray(d) && Object.keys(d).length === 0);
    if (!empty) out[k] = d;
  }
  return out;
}

/**
 * True when a PUT leaves the resource's properties as they are (a tags-only change or a
 * resend): Network RP then answers Succeeded at once and its operation rewrites nothing.
 */
export function sameProperties(existing: ArmResource | undefined, next: ArmResource): boolean {
  return (
    existing !== undefined &&
    props(existing).provisioningState === 'Succeeded' &&
    sameJson(desiredState(existing.properties), desiredState(next.properties))
  );
}
