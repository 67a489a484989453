import type { IpamPoolPlan } from '../Plan';
import type { PlanContext } from '../PlanContext';
import { addStep } from '../PlanContext';
import type { VnetInfo } from '../discovery/EstateIndex';
import { staticCidrBody } from '../ipam/staticCidrName';

/**
 * The static CIDR that allocates a VNet's new block from the IPAM pool, created before the VNet PUT
 * that adds the block (its step depends on this one). An allocation an earlier run made is reused,
 * so it gets no step.
 */
export function addStaticCidrStep(ctx: PlanContext, pool: IpamPoolPlan, vnet: VnetInfo): void {
  if (ctx.blocked.has(vnet.key)) return;
  const allocation = pool.allocations.find((a) => a.vnetId === vnet.resource.id);
  if (!allocation || allocation.existing) return;
  const body = staticCidrBody(pool.poolId, vnet.resource.id, allocation.prefix);
  const step = addStep(ctx, {
    kind: 'ipamStaticCidr',
    resource: body,
    additions: [{ op: 'createResource', value: body }],
    dependsOn: [],
    vnetKeys: [vnet.key],
    ownerKey: vnet.key,
    ipv6Prefixes: [allocation.prefix],
    summary: `IPAM pool ${pool.poolId.split('/').at(-1) ?? ''}: static CIDR ${body.name ?? ''} = ${allocation.prefix} for ${vnet.resource.name ?? ''}`,
  });
  ctx.staticCidrSteps.set(vnet.key, step.id);
}
