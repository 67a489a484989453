import type { Ipv6Removal } from '../Plan';
import type { RollbackContext } from './RollbackContext';
import { addRemovalStep } from './RollbackContext';

const ADDRESS_SPACE = ['properties', 'addressSpace', 'addressPrefixes'];
const DEFAULT_TAG_VALUE = 'rolled back to IPv4 by Dualstack';

/**
 * One VNet PUT per rolled-back VNet: its subnets' /64s and its /56 go, and it gets the exclusion
 * tag. Each waits for the NIC and load balancer steps in its subnets; the hub waits for the spokes.
 */
export function addVnetRemovals(ctx: RollbackContext, tagValue = DEFAULT_TAG_VALUE): void {
  for (const r of ctx.rollbacks) {
    // The /56 first: one body, so the order is only how the summary reads.
    const removals: Ipv6Removal[] = [{ op: 'removeFromArray', path: ADDRESS_SPACE, value: r.block }];
    const prefixes: string[] = [r.block];
    const deps: string[] = [];
    for (const { subnet, prefixes: gone } of r.subnets.values()) {
      for (const value of gone) removals.push({ op: 'removeSubnetPrefix', subnetName: subnet.name, value });
      prefixes.push(...gone);
      deps.push(...(ctx.stepsInSubnet.get(subnet.key) ?? []));
    }
    removals.push({ op: 'setTag', name: ctx.config.exclusionTag, value: tagValue });
    if (r.vnet.key === ctx.hub.key) deps.push(...ctx.vnetSteps.values());
    const step = addRemovalStep(ctx, {
      kind: 'virtualNetwork',
      resource: r.vnet.resource,
      removals,
      dependsOn: deps,
      vnetIds: [r.vnet.resource.id],
      ipv6Prefixes: prefixes,
    });
    ctx.vnetSteps.set(r.vnet.key, step.id);
  }
}
