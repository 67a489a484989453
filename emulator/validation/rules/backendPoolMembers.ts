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
const NIC_TYPE_KEY = NETWORK_INTERFACES.toLowerCase();

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

/** Case-insensitive id equality that only lower-cases when the lengths already match. */
function isId(id: string | undefined, key: string): boolean {
  return id !== undefined && id.length === key.length && id.toLowerCase() === key;
}

/**
 * Members of a backend pool as stored, without the NIC `excludeNicId` (its new state is being validated).
 * The NICs come from the store's reference index when it has one (no lookup per member); else from the pool's
 * read-only `backendIPConfigurations`, if the store keeps it as ARM GET shows it; else from a scan of every NIC.
 */
export function poolMembers(store: ResourceReader, poolId: string, excludeNicId?: string): PoolMember[] {
  const members: PoolMember[] = [];
  const key = idKey(poolId);
  const excludeKey = excludeNicId === undefined ? undefined : idKey(excludeNicId);
  const excluded = (nicId: string): boolean => excludeKey !== undefined && isId(nicId, excludeKey);
  const pool = findPool(store.get(parentResourceId(poolId)), poolId);
  for (const address of arrayOf(propertiesOf(pool).loadBalancerBackendAddresses)) {
    const version = ipVersionOf(stringOf(propertiesOf(address).ipAddress) ?? '');
    if (version) members.push({ id: nameOf(address, poolId), version });
  }
  const listed = propertiesOf(pool).backendIPConfigurations;
  if (!store.referencing && Array.isArray(listed)) {
    for (const ref of listed) {
      const id = refId(ref);
      if (!id || excluded(parentResourceId(id))) continue;
      const config = nicIpConfiguration(store, id);
      if (config !== undefined) members.push({ id, version: ipConfigurationVersion(config) });
    }
    return members;
  }
  const nics = store.referencing ? store.referencing(poolId) : store.ofType(NETWORK_INTERFACES);
  for (const nic of nics) {
    if (!isId(nic.type, NIC_TYPE_KEY) || excluded(nic.id)) continue;
    const configs = arrayOf(propertiesOf(nic).ipConfigurations);
    for (let i = 0; i < configs.length; i++) {
      const pools = arrayOf(propertiesOf(configs[i]).loadBalancerBackendAddressPools);
      if (pools.some((p) => isId(refId(p), key))) {
        members.push({
          id: childId(nic.id, 'ipConfigurations', configs[i], i),
          version: ipConfigurationVersion(configs[i]),
        });
      }
    }
  }
  return members;
}
