import type { ArmResource } from '../../src/arm/ArmResource';
import type { BuildContext } from './BuildContext';
import type { ChildResource, Identity } from './armEnvelope';
import { armResource, identity } from './armEnvelope';
import type { SubnetSpec } from './subnet';
import { subnet } from './subnet';

/** A built VNet plus what other builders need from it; peerings are added later by peeringPair. */
export interface VnetHandle {
  resource: ArmResource;
  identity: Identity;
  addressPrefixes: string[];
  subnetIds: ReadonlyMap<string, string>;
  peerings: ChildResource[];
}

export function vnet(
  ctx: BuildContext,
  resourceGroup: string,
  name: string,
  addressPrefixes: string[],
  subnets: SubnetSpec[],
  tags?: Record<string, string>,
): VnetHandle {
  const who = identity(ctx, resourceGroup, 'virtualNetworks', name);
  const built = subnets.map((spec) => subnet(who, spec));
  const peerings: ChildResource[] = [];
  const resource = armResource(
    ctx,
    who,
    {
      addressSpace: { addressPrefixes },
      subnets: built,
      virtualNetworkPeerings: peerings,
      enableDdosProtection: false,
    },
    tags ? { tags } : {},
  );
  return {
    resource,
    identity: who,
    addressPrefixes,
    subnetIds: new Map(built.map((s) => [s.name, s.id])),
    peerings,
  };
}

export function subnetIdOf(handle: VnetHandle, subnetName: string): string {
  const id = handle.subnetIds.get(subnetName);
  if (!id) throw new RangeError(`VNet ${handle.identity.id} has no subnet named '${subnetName}'`);
  return id;
}
