import * as crypto from 'node:crypto';
import type { ArmResource } from '../../arm/ArmResource';
import { idKey, parseResourceId } from '../../arm/resourceId';
import { STATIC_CIDRS } from './IpamPoolState';

/**
 * The static CIDR that holds a VNet's IPv6 block: `dualstack-<vnet name>-<8 hex of its id>`. Derived
 * from the VNet alone, so a re-run (or a rollback) finds the allocation it made without any other
 * record, and two VNets of one name in different groups never share one. Names stay within the 64
 * characters ARM allows (ipamPools' name pattern) and end with a letter or digit.
 */
export function staticCidrName(vnetId: string): string {
  const hash = crypto.createHash('sha256').update(idKey(vnetId)).digest('hex').slice(0, 8);
  const vnetName = parseResourceId(vnetId)?.names[0] ?? 'vnet';
  return `dualstack-${vnetName.slice(0, 44)}-${hash}`;
}

/** Dualstack's static CIDR for a VNet, as the planner creates it (body of a `createResource`). */
export function staticCidrBody(poolId: string, vnetId: string, prefix: string): ArmResource {
  const name = staticCidrName(vnetId);
  return {
    id: `${poolId}/staticCidrs/${name}`,
    name,
    type: STATIC_CIDRS,
    properties: {
      addressPrefixes: [prefix],
      description: `IPv6 block of ${vnetId}, allocated by Dualstack`,
    },
  };
}
