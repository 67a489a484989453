import type { ArmResource } from '../../arm/ArmResource';
import { formatIp, parseCidr, parseIp } from '../../arm/cidr';
import { sameId } from '../../arm/resourceId';
import type { PlanContext, ResolvedNextHop } from '../PlanContext';
import { stepIdOf } from '../PlanContext';
import { props, str } from '../json';
import type { Frontend } from './loadBalancerParts';
import { frontendsOf, isHaPortsRule, isStandard, rulesOf, twinName } from './loadBalancerParts';

/** IPv6 subnets reserve their first four addresses, so a planned static frontend starts at ::4. */
const FIRST_USABLE = 4n;

function findNvaLoadBalancer(ctx: PlanContext): { lb: ArmResource; frontend: Frontend } | undefined {
  for (const lb of ctx.index.loadBalancers) {
    if (!isStandard(lb)) continue;
    const frontends = frontendsOf(lb);
    for (const rule of rulesOf(lb)) {
      if (!isHaPortsRule(rule)) continue;
      const fe = frontends.find((f) => f.key === rule.frontendKey);
      if (
        fe &&
        !fe.ipv6 &&
        !fe.isPublic &&
        fe.subnetKey &&
        ctx.index.subnets.get(fe.subnetKey)?.vnetKey === ctx.hub.key
      )
        return { lb, frontend: fe };
    }
  }
  return undefined;
}

function usedAddresses(ctx: PlanContext, subnetKey: string): Set<string> {
  const used = new Set<string>();
  for (const nic of ctx.index.nicsBySubnet.get(subnetKey) ?? [])
    for (const c of nic.ipConfigs) {
      const a = str(props(c.body).privateIPAddress);
      if (c.ipv6 && a) used.add(a.toLowerCase());
    }
  for (const lb of ctx.index.loadBalancers)
    for (const f of frontendsOf(lb))
      if (f.ipv6 && f.subnetKey === subnetKey && f.privateIPAddress)
        used.add(f.privateIPAddress.toLowerCase());
  return used;
}

function twinAddress(ctx: PlanContext, lb: ArmResource, fe: Frontend): string | undefined {
  const existing = frontendsOf(lb).find(
    (f) =>
      f.ipv6 && (f.name.toLowerCase() === twinName(fe.name).toLowerCase() || f.subnetKey === fe.subnetKey),
  );
  if (existing) {
    if (!existing.privateIPAddress)
      ctx.manualActions.push({
        code: 'NextHopAddressUnknown',
        resourceId: existing.id,
        message:
          'the IPv6 frontend of the NVA load balancer has no private IP address yet, so IPv6 routes cannot point at it',
        fix: 'Read the frontend address once it is allocated (or make it static) and plan again.',
      });
    return existing.privateIPAddress;
  }
  const subnet = fe.subnetKey ? ctx.subnetIpv6.get(fe.subnetKey) : undefined;
  const block = subnet ? parseCidr(subnet) : undefined;
  if (!block || !fe.subnetKey) return undefined;
  const used = usedAddresses(ctx, fe.subnetKey);
  for (let host = FIRST_USABLE; host < FIRST_USABLE + 1024n; host++) {
    const address = formatIp('IPv6', block.network + host);
    if (!used.has(address)) {
      ctx.staticFrontends.set(fe.key, address);
      return address;
    }
  }
  return undefined;
}

/**
 * The IPv6 next hop that replaces IPv4 VirtualAppliance next hops. For a load balancer
 * (configured, or the hub NVA one found by 'auto') it is the IPv6 twin of its frontend:
 * the existing one's address, or a static address the plan gives the new twin (::4 of the
 * frontend subnet's /64) so that every route can be planned before the hub is migrated.
 */
export function resolveNextHop(ctx: PlanContext): ResolvedNextHop | undefined {
  const setting = ctx.config.ipv6NextHop;
  if (setting !== 'auto' && 'address' in setting)
    return { address: formatIp('IPv6', parseIp(setting.address)?.value ?? 0n) };
  let found: { lb: ArmResource; frontend: Frontend } | undefined;
  if (setting === 'auto') {
    found = findNvaLoadBalancer(ctx);
    if (!found) {
      ctx.warnings.push({
        code: 'NoIpv6NextHop',
        resourceId: ctx.hub.resource.id,
        message:
          'no Standard internal load balancer with an HA-ports rule was found in the hub, so IPv6 routes to a virtual appliance cannot be planned',
        fix: 'Deploy the IPv6 NVA pool behind a dual-stack internal load balancer, or set ipv6NextHop.',
      });
      return undefined;
    }
  } else {
    const wanted = setting.loadBalancerFrontend;
    const lb = ctx.index.loadBalancers.find((l) => sameId(l.id, wanted.loadBalancerId));
    const frontends = lb ? frontendsOf(lb) : [];
    const frontend = wanted.frontendName
      ? frontends.find((f) => f.name.toLowerCase() === wanted.frontendName?.toLowerCase())
      : frontends.find((f) => !f.ipv6 && !f.isPublic);
    if (!lb || !frontend) {
      ctx.blockers.push({
        code: 'NextHopNotFound',
        resourceId: wanted.loadBalancerId,
        message: `ipv6NextHop.loadBalancerFrontend: ${wanted.frontendName ? `frontend ${wanted.frontendName} of ` : ''}${wanted.loadBalancerId} is not among the observed resources`,
        fix: 'Fix ipv6NextHop in the configuration.',
      });
      return undefined;
    }
    if (frontend.ipv6) return frontend.privateIPAddress ? { address: frontend.privateIPAddress } : undefined;
    found = { lb, frontend };
  }
  const address = twinAddress(ctx, found.lb, found.frontend);
  if (!address) return undefined;
  return {
    address,
    stepId: ctx.staticFrontends.has(found.frontend.key) ? stepIdOf('loadBalancer', found.lb.id) : undefined,
  };
}
