import type { Finding } from '../Plan';
import type { PlanContext } from '../PlanContext';
import type { SubnetInfo, VnetInfo } from '../discovery/EstateIndex';
import { keyOf } from '../ids';
import { arr, obj, props, refId, str } from '../json';
import { wantsIpv6 } from '../addressPlan/planSubnetPrefixes';
import { delegationsOf } from './delegationSupport';

function count(n: number, one: string): string {
  return `${n} ${one}${n === 1 ? '' : 's'}`;
}

/**
 * Standard NAT gateways have no IPv6 outbound; StandardV2 ones do, through the IPv6 public IPs or
 * prefixes attached to them (`publicIpAddressesV6`, `publicIpPrefixesV6`) (rulebook §4, the guide).
 */
function natGatewayWarning(ctx: PlanContext, s: SubnetInfo): Finding | undefined {
  const natId = refId(props(s.body).natGateway);
  if (!natId) return undefined;
  const nat = ctx.index.natGateways.get(keyOf(natId));
  const sku = str(obj(nat?.sku)?.name);
  const v2 = sku?.toLowerCase() === 'standardv2';
  const np = nat ? props(nat) : {};
  if (v2 && arr(np.publicIpAddressesV6).length + arr(np.publicIpPrefixesV6).length > 0) return undefined;
  const name = natId.split('/').pop() ?? natId;
  const why = v2
    ? `a StandardV2 NAT gateway with no IPv6 public IP or prefix`
    : `only a StandardV2 NAT gateway carries IPv6`;
  const via = ctx.nextHop ? ` (${ctx.nextHop.address})` : '';
  return {
    code: 'NatGatewayNoIpv6Egress',
    resourceId: s.id,
    message: `subnet ${s.name} uses NAT gateway ${name} (${sku ?? 'SKU not observed'}): ${why}, so this subnet's IPv6 egress goes via the ::/0 route to the IPv6 NVA pool${via}, not the NAT gateway`,
    fix: v2
      ? `Keep the ::/0 route to the NVA pool, or attach an IPv6 public IP or prefix to ${name}.`
      : 'Keep the ::/0 route to the NVA pool, or replace the NAT gateway with a StandardV2 one with an IPv6 public IP or prefix (not combined with load balancer outbound rules on the same subnet).',
  };
}

/**
 * Findings about subnets Azure treats differently, for the subnets of a VNet this plan gives IPv6:
 * delegations (allowed with a caveat, or unknown: the subnet stays IPv4), NAT gateways, private
 * endpoints and Application Gateway subnets. RouteServerSubnet, IPv6-refusing delegations and
 * Virtual WAN hubs block the VNet (vnetBlockers.ts); GatewaySubnet warns in vnetSteps.ts.
 */
export function addSubnetFindings(ctx: PlanContext, vnet: VnetInfo): void {
  for (const s of vnet.subnets) {
    if (s.ipv6.length > 0 || !wantsIpv6(s.name, ctx.config)) continue;
    const sp = props(s.body);
    for (const d of delegationsOf(s.body)) {
      const service = d.service || '(no service name)';
      if (d.support === 'unknown')
        ctx.manualActions.push({
          code: 'DelegationIpv6Unknown',
          resourceId: s.id,
          message: `subnet ${s.name} is delegated to ${service}, whose IPv6 support Dualstack doesn't know: the subnet stays IPv4 (its /64 is kept free)`,
          fix: `Check ${service}'s documentation for IPv6 in its subnet. If it supports it, add the /64 to the subnet by hand; if not, nothing to do.`,
        });
      else if (d.support === 'allows')
        ctx.warnings.push({
          code: 'DelegatedSubnetIpv4Service',
          resourceId: s.id,
          message: `subnet ${s.name} is delegated to ${service}: the subnet gets its /64, but ${d.note}`,
        });
    }
    const nat = natGatewayWarning(ctx, s);
    if (nat) ctx.warnings.push(nat);
    const endpoints = arr(sp.privateEndpoints).length;
    if (endpoints > 0)
      ctx.warnings.push({
        code: 'PrivateEndpointsStayIpv4',
        resourceId: s.id,
        message: `subnet ${s.name} holds ${count(endpoints, 'private endpoint')}: they keep their IPv4 address only, so clients reach them over IPv4 (their private DNS records stay A records)`,
        fix: 'Keep IPv4 name resolution for the private endpoints; recreate an endpoint once its service offers IPv6 private endpoints if clients need IPv6.',
      });
    const appGateways = arr(sp.applicationGatewayIPConfigurations).length;
    if (appGateways > 0)
      ctx.warnings.push({
        code: 'ApplicationGatewaySubnet',
        resourceId: s.id,
        message: `subnet ${s.name} holds an Application Gateway: the subnet gets its /64, but an existing gateway can't be upgraded to dual stack (v1 has no IPv6; a v2 IPv6 frontend needs a new gateway) and backends stay IPv4`,
        fix: 'Create a new Application Gateway v2 with an IPv6 frontend in this subnet once it is dual-stack, then move traffic to it.',
      });
  }
}
