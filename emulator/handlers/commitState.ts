import { randomUUID } from 'node:crypto';
import type { ArmResource } from '../../src/arm/ArmResource';
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
