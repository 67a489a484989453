import type { Plan } from '../Plan';

function nameOf(id: string): string {
  return id.split('/').pop() ?? id;
}

/** The pool line of every rendering: where the VNet blocks come from. */
export function poolText(plan: Plan): string {
  const ipam = plan.ipamPool;
  if (ipam)
    return `${ipam.ipv6Prefix} of IPAM pool ${nameOf(ipam.poolId)} (${ipam.freeBlocks} blocks free after this plan)`;
  return `${plan.ipv6Pool}${plan.poolGenerated ? ' (ULA derived from the hub id)' : ''}`;
}

/** One line per VNet block the IPAM pool gives: the static CIDR that holds it, new or reused. */
export function ipamAllocationLines(plan: Plan): string[] {
  return (plan.ipamPool?.allocations ?? []).map(
    (a) =>
      `${nameOf(a.vnetId)}: ${a.prefix} as static CIDR ${nameOf(a.staticCidrId)} (${a.existing ? 'allocated by an earlier run, reused' : 'allocated by this run'})`,
  );
}
