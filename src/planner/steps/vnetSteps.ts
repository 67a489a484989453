import type { Ipv6Addition, SubnetPlan } from '../Plan';
import type { PlanContext } from '../PlanContext';
import { addStep, vnetStepId } from '../PlanContext';
import type { VnetInfo } from '../discovery/EstateIndex';
import { subnetRole } from '../addressPlan/planSubnetPrefixes';
import { leftFailed, stepSummary } from './leftFailed';

const ADDRESS_SPACE = ['properties', 'addressSpace', 'addressPrefixes'];

/** One VNet PUT: the new address block and every new subnet /64 (all subnets ride along in the body). */
export function addVnetStep(ctx: PlanContext, vnet: VnetInfo, subnets: SubnetPlan[]): void {
  const block = ctx.vnetPrefixes.get(vnet.key);
  if (!block || ctx.blocked.has(vnet.key)) return;
  const additions: Ipv6Addition[] = [];
  const added: string[] = [];
  if (!block.existing) {
    additions.push({
      op: 'appendToArray',
      path: ADDRESS_SPACE,
      value: block.prefix,
    });
    added.push(block.prefix);
  }
  const newSubnets = subnets.filter((s) => !s.existing && s.ipv6Prefix !== undefined);
  for (const s of newSubnets) {
    additions.push({ op: 'addSubnetPrefix', subnetName: s.name, value: s.ipv6Prefix ?? '' });
    added.push(s.ipv6Prefix ?? '');
    if (subnetRole(s.name) === 'gateway')
      ctx.warnings.push({
        code: 'GatewaySubnetIpv6',
        resourceId: `${vnet.resource.id}/subnets/${s.name}`,
        message:
          'GatewaySubnet gets an IPv6 /64. An existing ExpressRoute gateway carries IPv6 only if it is zone-redundant; otherwise recreate it (Standard static public IP) after this step. A VPN gateway that coexists with an IPv6 ExpressRoute gateway carries IPv4 only.',
      });
  }
  if (additions.length === 0 && !leftFailed(vnet.resource)) return;
  const isHub = vnet.key === ctx.hub.key;
  addStep(ctx, {
    kind: 'virtualNetwork',
    resource: vnet.resource,
    resourceKey: vnet.key,
    additions,
    dependsOn: [isHub ? undefined : vnetStepId(ctx, ctx.hub.key), ctx.staticCidrSteps.get(vnet.key)],
    vnetKeys: [vnet.key],
    ownerKey: vnet.key,
    ipv6Prefixes: added,
    summary: stepSummary(
      `${isHub ? 'hub' : 'spoke'} ${vnet.resource.name}`,
      additions.length,
      () =>
        `${block.existing ? '' : `address space + ${block.prefix}, `}${newSubnets.length} subnet /64${newSubnets.length === 1 ? '' : 's'}`,
    ),
  });
}
