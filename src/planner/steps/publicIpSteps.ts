import { ipVersionField } from '../../arm/ipVersionField';
import type { ArmResource } from '../../arm/ArmResource';
import type { PlanContext } from '../PlanContext';
import { addStep, stepIdOf, vnetStepId } from '../PlanContext';
import { isExcluded } from '../discovery/discoverVnets';
import { keyOf } from '../ids';
import { cloneJson, obj, props, str } from '../json';
import { twinName } from './loadBalancerParts';

const PUBLIC_IP_TYPE = 'Microsoft.Network/publicIPAddresses';

/** The IPv6 public IP an IPv4 one's user gets: its id, and the step creating it when it is new. */
export interface PublicIpTwin {
  id: string;
  stepId?: string;
}

export function isIpv6PublicIp(publicIp: ArmResource | undefined): boolean {
  return publicIp !== undefined && ipVersionField(props(publicIp).publicIPAddressVersion) === 'IPv6';
}

/** The API's default SKU is Basic: an absent SKU is Basic. */
function isBasic(publicIp: ArmResource): boolean {
  return (publicIp.sku?.name ?? 'Basic').toLowerCase() === 'basic';
}

/** Microsoft's documented upgrade paths, named in every Basic blocker. */
export const BASIC_PUBLIC_IP_FIX =
  "Upgrade it to a Standard static public IP first: a VM's with Microsoft's VM public IP upgrade script (module AzureVMPublicIPUpgrade, Start-VMPublicIPUpgrade), a Basic load balancer's by upgrading the load balancer (module AzureBasicLoadBalancerUpgrade, Start-AzBasicLoadBalancerUpgrade), which upgrades its public IPs. Then plan again.";

function blockerFor(ctx: PlanContext, publicIp: ArmResource, user: string): void {
  ctx.blockers.push({
    code: 'BasicPublicIp',
    resourceId: publicIp.id,
    message: `public IP ${publicIp.name} (used by ${user}) is Basic SKU: IPv6 public IPs are Standard static only, and Basic public IPs are retired`,
    fix: BASIC_PUBLIC_IP_FIX,
  });
}

/** The new IPv6 public IP: Standard static, next to the IPv4 one (same group, location, zones, tier, tags). */
function twinBody(publicIp: ArmResource, id: string, name: string): ArmResource {
  const pp = props(publicIp);
  const properties: Record<string, unknown> = {
    publicIPAddressVersion: 'IPv6',
    publicIPAllocationMethod: 'Static',
  };
  if (typeof pp.idleTimeoutInMinutes === 'number') properties.idleTimeoutInMinutes = pp.idleTimeoutInMinutes;
  const ddos = obj(pp.ddosSettings);
  if (ddos) properties.ddosSettings = cloneJson(ddos);
  return {
    id,
    name,
    type: PUBLIC_IP_TYPE,
    ...(publicIp.location ? { location: publicIp.location } : {}),
    ...(publicIp.tags ? { tags: { ...publicIp.tags } } : {}),
    sku: { name: 'Standard', tier: publicIp.sku?.tier ?? 'Regional' },
    ...(publicIp.zones ? { zones: [...publicIp.zones] } : {}),
    properties,
  };
}

/**
 * The IPv6 twin of the IPv4 public IP `ipv4Id` for `user` (a load balancer frontend or NIC ip
 * configuration), named `<name>-ipv6` beside it: the existing one, or a step creating it. Undefined,
 * with a finding, when the IPv4 one is not observed, is Basic, or its twin's name is taken.
 */
export function publicIpv6Twin(
  ctx: PlanContext,
  ipv4Id: string,
  user: string,
  vnetKeys: string[],
): PublicIpTwin | undefined {
  const key = keyOf(ipv4Id);
  if (ctx.publicIpTwins.has(key)) return ctx.publicIpTwins.get(key);
  const twin = planTwin(ctx, ipv4Id, user, vnetKeys);
  ctx.publicIpTwins.set(key, twin);
  return twin;
}

function planTwin(
  ctx: PlanContext,
  ipv4Id: string,
  user: string,
  vnetKeys: string[],
): PublicIpTwin | undefined {
  const publicIp = ctx.index.publicIpAddresses.get(keyOf(ipv4Id));
  if (!publicIp) {
    ctx.manualActions.push({
      code: 'PublicIpNotObserved',
      resourceId: ipv4Id,
      message: `public IP ${ipv4Id.split('/').pop() ?? ipv4Id} (used by ${user}) is outside the observed scope: no IPv6 twin is planned for it`,
      fix: 'Add its subscription or resource group to the scope, or create a Standard static IPv6 public IP for it by hand.',
    });
    return undefined;
  }
  if (isBasic(publicIp)) {
    blockerFor(ctx, publicIp, user);
    return undefined;
  }
  const name = twinName(publicIp.name);
  const id = `${publicIp.id}-ipv6`;
  const existing = ctx.index.publicIpAddresses.get(keyOf(id));
  if (existing) {
    if (isIpv6PublicIp(existing) && !isBasic(existing)) return { id: existing.id };
    ctx.blockers.push({
      code: 'PublicIpv6NameTaken',
      resourceId: existing.id,
      message: `public IP ${existing.name} exists but is not a Standard IPv6 public IP, so it can't be ${publicIp.name}'s IPv6 twin (used by ${user})`,
      fix: `Rename or delete ${existing.name}, then plan again.`,
    });
    return undefined;
  }
  if (isExcluded(publicIp, ctx.config.exclusionTag)) return undefined;
  const body = twinBody(publicIp, id, name);
  const dns = str(obj(props(publicIp).dnsSettings)?.domainNameLabel);
  if (dns)
    ctx.warnings.push({
      code: 'PublicIpDnsLabelNotMirrored',
      resourceId: publicIp.id,
      message: `public IP ${publicIp.name} has the DNS label ${dns}; DNS labels are unique per region, so ${name} gets none`,
      fix: `Publish an AAAA record for ${dns} (or your own name) pointing at ${name}'s address once it exists.`,
    });
  const keys = [...vnetKeys].sort();
  addStep(ctx, {
    kind: 'publicIPAddress',
    resource: body,
    additions: [{ op: 'createResource', value: body }],
    dependsOn: keys.map((k) => vnetStepId(ctx, k)),
    vnetKeys: keys,
    ipv6Prefixes: [],
    summary: `public IP ${name}: Standard static IPv6, for ${user}`,
  });
  return { id, stepId: stepIdOf('publicIPAddress', id) };
}
