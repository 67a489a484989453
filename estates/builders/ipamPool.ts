import type { ArmResource } from '../../src/arm/ArmResource';

export interface IpamPoolLayout {
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  networkManagerName: string;
  poolName: string;
  addressPrefixes: string[];
  /** static CIDRs someone else allocated already (name -> prefixes) */
  staticCidrs?: Record<string, string[]>;
}

/** The network manager, one IPAM pool and its static CIDRs, in load order (parents first). */
export function ipamPoolResources(layout: IpamPoolLayout): ArmResource[] {
  const nmId = `/subscriptions/${layout.subscriptionId}/resourceGroups/${layout.resourceGroup}/providers/Microsoft.Network/networkManagers/${layout.networkManagerName}`;
  const poolId = `${nmId}/ipamPools/${layout.poolName}`;
  return [
    {
      id: nmId,
      name: layout.networkManagerName,
      type: 'Microsoft.Network/networkManagers',
      location: layout.location,
      properties: { networkManagerScopes: { subscriptions: [`/subscriptions/${layout.subscriptionId}`] } },
    },
    {
      id: poolId,
      name: layout.poolName,
      type: 'Microsoft.Network/networkManagers/ipamPools',
      location: layout.location,
      properties: { addressPrefixes: layout.addressPrefixes, parentPoolName: '' },
    },
    ...Object.entries(layout.staticCidrs ?? {}).map(([name, addressPrefixes]) => ({
      id: `${poolId}/staticCidrs/${name}`,
      name,
      type: 'Microsoft.Network/networkManagers/ipamPools/staticCidrs',
      properties: { addressPrefixes },
    })),
  ];
}
