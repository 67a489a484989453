import type { ArmResource } from '../../src/arm/ArmResource';
import { invalidResourceReference } from '../../src/arm/errors/commonErrors';
import { idKey } from '../../src/arm/resourceId';
import { childArray, findChild, isRecord, props } from '../store/subResources';

/** Where a load balancer's children point at siblings; the read-only back-references are left out on purpose. */
const SIBLING_REFERENCES: Readonly<Record<string, readonly string[]>> = {
  loadBalancingRules: ['frontendIPConfiguration', 'backendAddressPool', 'backendAddressPools', 'probe'],
  inboundNatRules: ['frontendIPConfiguration', 'backendAddressPool'],
  inboundNatPools: ['frontendIPConfiguration'],
  outboundRules: ['frontendIPConfigurations', 'backendAddressPool'],
};

/** Child collections by the lower-cased id segment that names them. */
const COLLECTIONS = new Map(
  ['frontendIPConfigurations', 'backendAddressPools', 'probes'].map((c) => [c.toLowerCase(), c]),
);

function referencedIds(value: unknown): string[] {
  const refs = Array.isArray(value) ? value : [value];
  return refs.flatMap((r) => (isRecord(r) && typeof r.id === 'string' ? [r.id] : []));
}

/**
 * A rule that points at a frontend, pool or probe the same PUT no longer has is refused as Network RP refuses it
 * (InvalidResourceReference, e.g. Azure/bicep-types-az#1403, MicrosoftDocs/azure-docs#59705). The linked-reference
 * checks skip the resource's own children, so without this a frontend could be removed from under its rules.
 */
export function checkLoadBalancerOwnReferences(lb: ArmResource): void {
  const prefix = `${idKey(lb.id)}/`;
  for (const [collection, properties] of Object.entries(SIBLING_REFERENCES)) {
    for (const child of childArray(lb, collection)) {
      const p = props(child);
      for (const property of properties) {
        for (const id of referencedIds(p[property])) {
          const key = idKey(id);
          if (!key.startsWith(prefix)) continue;
          const [segment = '', name = ''] = key.slice(prefix.length).split('/');
          const target = COLLECTIONS.get(segment);
          if (!target || !findChild(lb, target, name)) throw invalidResourceReference(id, String(child.id));
        }
      }
    }
  }
}
