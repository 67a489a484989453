import type { ArmResource } from '../arm/ArmResource';

/** Fields that Resource Graph and `az` add to what ARM GET returns; they are not part of the resource. */
const EXPORT_ONLY_FIELDS = new Set(['resourceGroup', 'subscriptionId', 'tenantId']);

/**
 * The resource as ARM GET returns it: export-only fields dropped, the nulls that
 * Resource Graph writes for absent fields (`sku: null`, `kind: ""`...) removed,
 * and the type in its canonical casing.
 */
export function normalizeResource(raw: Record<string, unknown>, type: string): ArmResource {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (EXPORT_ONLY_FIELDS.has(key) || value === null) continue;
    if ((key === 'kind' || key === 'managedBy') && value === '') continue;
    out[key] = value;
  }
  out.type = type;
  return out as unknown as ArmResource;
}
