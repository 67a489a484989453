import type { ArmResource } from '../../src/arm/ArmResource';
import type { ResourceStore } from '../store/ResourceStore';
import { holdersOf, idList } from '../store/backReferences';

/** The read-only `subnets` and `networkInterfaces` lists of an NSG or route table, from who references it. */
export function associations(store: ResourceStore, resource: ArmResource, property: string): ArmResource {
  const holders = holdersOf(store, resource.id, property);
  const subnets = idList(holders.filter((id) => /\/subnets\/[^/]+$/i.test(id)));
  const nics = idList(holders.filter((id) => /\/networkInterfaces\/[^/]+$/i.test(id)));
  if (!subnets && !nics) return resource;
  return {
    ...resource,
    properties: {
      ...resource.properties,
      ...(subnets ? { subnets } : {}),
      ...(nics ? { networkInterfaces: nics } : {}),
    },
  };
}
