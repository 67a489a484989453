import type { ArmError } from '../../src/arm/errors/ArmError';
import { validateLoadBalancer } from './rules/loadBalancerRules';
import { validateNetworkInterface } from './rules/networkInterfaceRules';
import { validatePublicIpAddress } from './rules/publicIpAddressRules';
import { validateNetworkSecurityGroup } from './rules/networkSecurityGroupRules';
import { validateRouteTable } from './rules/routeTableRules';
import { validateVirtualNetwork } from './rules/virtualNetworkRules';
import type { WriteContext } from './WriteContext';

const RULES: Record<string, (ctx: WriteContext) => ArmError | undefined> = {
  'microsoft.network/virtualnetworks': validateVirtualNetwork,
  'microsoft.network/networkinterfaces': validateNetworkInterface,
  'microsoft.network/loadbalancers': validateLoadBalancer,
  'microsoft.network/routetables': validateRouteTable,
  'microsoft.network/networksecuritygroups': validateNetworkSecurityGroup,
  'microsoft.network/publicipaddresses': validatePublicIpAddress,
};

/**
 * The dual-stack rules of the rulebook that Azure enforces on a write, run on the merged top-level
 * resource (children inline) before it is stored. Returns the first violation as ARM's 400, with
 * `target` naming the offending field, or undefined when the write may proceed.
 */
export function validateWrite(ctx: WriteContext): ArmError | undefined {
  return RULES[ctx.resource.type.toLowerCase()]?.(ctx);
}
