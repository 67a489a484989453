import type { StaticCidr } from '@azure/arm-network';
import type { NetworkResourceType } from './networkResourceTypes';

export const IPAM_POOL_TYPE = 'Microsoft.Network/networkManagers/ipamPools';
export const STATIC_CIDR_TYPE = 'Microsoft.Network/networkManagers/ipamPools/staticCidrs';

const at = (n: string[], i: number): string => n[i] ?? '';

/**
 * AVNM IPAM as the access layer reads and writes it (@azure/arm-network 36, api-version 2025-05-01):
 * the configured pool is only read; static CIDRs are what Dualstack creates (one per VNet block) and
 * deletes again on rollback. A static CIDR PUT is synchronous (200/201) and the model has no etag.
 */
export const IPAM_RESOURCE_TYPES: readonly NetworkResourceType[] = [
  {
    type: IPAM_POOL_TYPE,
    model: 'IpamPool',
    get: (c, rg, n, o) => c.network.ipamPools.get(rg, at(n, 0), at(n, 1), o),
  },
  {
    type: STATIC_CIDR_TYPE,
    model: 'StaticCidr',
    listByParent: (c, rg, n, o) => c.network.staticCidrs.list(rg, at(n, 0), at(n, 1), o),
    get: (c, rg, n, o) => c.network.staticCidrs.get(rg, at(n, 0), at(n, 1), at(n, 2), o),
    put: (c, rg, n, m, o) =>
      c.network.staticCidrs.create(rg, at(n, 0), at(n, 1), at(n, 2), { ...o, body: m as StaticCidr }),
    delete: (c, rg, n, o) => c.network.staticCidrs.beginDeleteAndWait(rg, at(n, 0), at(n, 1), at(n, 2), o),
  },
];
