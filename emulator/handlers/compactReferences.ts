import type { ArmResource } from '../../src/arm/ArmResource';

/**
 * ARM stores a sub-resource reference as `{ id }`. The SDK serialises a reference
 * model as `{ id, properties: {} }`; ARM drops the empty properties, so the
 * emulator does too, or every write through the SDK would look like a change.
 */
export function compactReferences(resource: ArmResource): void {
  const visit = (value: unknown, depth: number): void => {
    if (Array.isArray(value)) {
      for (const v of value) visit(v, depth + 1);
      return;
    }
    if (!value || typeof value !== 'object') return;
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o);
    if (
      depth > 1 &&
      keys.length === 2 &&
      typeof o.id === 'string' &&
      o.properties &&
      typeof o.properties === 'object' &&
      Object.keys(o.properties).length === 0
    ) {
      delete o.properties;
      return;
    }
    for (const k of keys) visit(o[k], depth + 1);
  };
  visit(resource, 0);
}
