import { samePrefix } from '../prefixes';
import type { SubnetInfo, VnetInfo } from '../discovery/EstateIndex';
import { keyOf } from '../ids';
import type { Finding } from '../Plan';
import { PlanInputError } from '../PlanInputError';
import { BlockSet } from './ownership';

/** One VNet going back to IPv4. */
export interface Rollback {
  vnet: VnetInfo;
  block: string;
  /** subnet key -> the IPv6 prefixes it loses */
  subnets: Map<string, { subnet: SubnetInfo; prefixes: string[] }>;
}

/**
 * The VNets asked for (`vnetIds`, or every one Dualstack holds a reservation for), each with the /56
 * Dualstack gave it, or why it is left alone (a warning in `warnings`).
 */
export function chooseVnets(
  candidates: Map<string, VnetInfo>,
  reserved: Map<string, string>,
  vnetIds: string[] | undefined,
  warnings: Finding[],
): { rollbacks: Rollback[]; unowned: VnetInfo[] } {
  let chosen: VnetInfo[];
  if (vnetIds) {
    const problems: string[] = [];
    chosen = [];
    vnetIds.forEach((id, i) => {
      const vnet = candidates.get(keyOf(id));
      if (vnet) chosen.push(vnet);
      else problems.push(`vnetIds[${i}]: ${id} is not the hub or a spoke of it in scope`);
    });
    if (problems.length > 0) throw new PlanInputError(problems);
  } else {
    chosen = [...candidates.values()].filter((v) => reserved.has(v.key));
    // Rolling back everything must still say which IPv6 stays: a VNet that had IPv6 before Dualstack
    // ran keeps it, and with it whatever Dualstack added inside that space (no ledger entry marks it).
    for (const vnet of candidates.values())
      if (!reserved.has(vnet.key) && vnet.ipv6.length > 0) warnings.push(notAddedByDualstack(vnet));
  }
  const rollbacks: Rollback[] = [];
  const unowned: VnetInfo[] = [];
  for (const vnet of new Set(chosen)) {
    const block = reserved.get(vnet.key);
    const owned = block !== undefined && vnet.ipv6.some((p) => samePrefix(p, block));
    if (!owned) {
      unowned.push(vnet);
      if (vnet.ipv6.length > 0) warnings.push(notAddedByDualstack(vnet));
      continue;
    }
    const own = new BlockSet([block]);
    const subnets = new Map<string, { subnet: SubnetInfo; prefixes: string[] }>();
    for (const s of vnet.subnets) {
      const prefixes = s.ipv6.filter((p) => own.has(p));
      if (prefixes.length > 0) subnets.set(s.key, { subnet: s, prefixes });
    }
    rollbacks.push({ vnet, block, subnets });
  }
  return { rollbacks, unowned };
}

function notAddedByDualstack(vnet: VnetInfo): Finding {
  return {
    code: 'Ipv6NotAddedByDualstack',
    resourceId: vnet.resource.id,
    message: `${vnet.resource.name} has IPv6 (${vnet.ipv6.join(', ')}) that Dualstack holds no reservation for: it was there before, or added by hand, and is left alone with everything inside it`,
  };
}
