import { ipVersionOf, type IpVersion } from '../../../src/arm/cidr';
import type { ArmResource } from '../../../src/arm/ArmResource';
import { idKey, parentResourceId } from '../../../src/arm/resourceId';
import type { ResourceReader } from '../WriteContext';
import {
  arrayOf,
  childId,
  ipConfigurationVersion,
  nameOf,
  propertiesOf,
  refId,
  sameText,
  stringOf,
} from './armShape';

export const NETWORK_INTERFACES = 'Microsoft.Network/networkInterfaces';

export interface PoolMember {
  /** NIC ip configuration id, or the pool's own address entry for IP-based pools. */
  id: string;
  version: IpVersion;
}

function findPool(lb: ArmResource | undefined, poolId: string): unknown {
  const name = poolId.split('/').pop();
  return arrayOf(propertiesOf(lb).backendAddressPools).find((p) => sameText(nameOf(p, ''), name));
}

function nicIpConfiguration(store: ResourceReader, ipConfigurationId: string): unknown {
  const name = ipConfigurationId.split('/').pop();
  return arrayOf(propertiesOf(store.get(parentResourceId(ipConfigurationId))).ipConfigurations).find((c) =>
    sameText(nameOf(c, ''), name),
  );
}

/**
 * Members of a backend pool as stored, without the NIC `excludeNicId` (its new state is being validated).
 * The pool's read-only `backendIPConfigurations`, when the store keeps it as ARM GET shows it, lists the
 * members directly; otherwise the NICs referencing the pool are found through the store's reference index,
 * or by a scan of every NIC when the store has none.
 */
export function poolMembers(store: ResourceReader, poolId: string, excludeNicId?: string): PoolMember[] {
  const members: PoolMember[] = [];
  const exclude = excludeNicId ? `${idKey(excludeNicId)}/` : undefined;
  const pool = findPool(store.get(parentResourceId(poolId)), poolId);
  for (const address of arrayOf(propertiesOf(pool).loadBalancerBackendAddresses)) {
    const version = ipVersionOf(stringOf(propertiesOf(address).ipAddress) ?? '');
    if (version) members.push({ id: nameOf(address, poolId), version });
  }
  const listed = propertiesOf(pool).backendIPConfigurations;
  if (Array.isArray(listed)) {
    for (const ref of listed) {
      const id = refId(ref);
      if (!id || (exclude && idKey(id).startsWith(exclude))) continue;
      const config = nicIpConfiguration(store, id);
      if (config !== undefined) members.push({ id, version: ipConfigurationVersion(config) });
    }
    return members;
  }
  const key = idKey(poolId);
  const nics = store.referencing
    ? store.referencing(poolId).filter((r) => sameText(r.type, NETWORK_INTERFACES))
    : store.ofType(NETWORK_INTERFACES);
  for (const nic of nics) {
    if (exclude && `${idKey(nic.id)}/`.startsWith(exclude)) continue;
    arrayOf(propertiesOf(nic).ipConfigurations).forEach((config, i) => {
      const pools = arrayOf(propertiesOf(config).loadBalancerBackendAddressPools);
      if (pools.some((p) => idKey(refId(p) ?? '') === key)) {
        members.push({
          id: childId(nic.id, 'ipConfigurations', config, i),
          version: ipConfigurationVersion(config),
        });
      }
    });
  }
  return members;
}
