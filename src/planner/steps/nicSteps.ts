import type { Ipv6Addition } from '../Plan';
import type { PlanContext, PoolTwin } from '../PlanContext';
import { addStep, vnetStepId } from '../PlanContext';
import type { NicInfo, SubnetInfo } from '../discovery/EstateIndex';
import { isExcluded } from '../discovery/discoverVnets';
import { equalsIgnoreCase } from '../equalsIgnoreCase';
import type { Json } from '../json';
import { props, refId } from '../json';
import { twinName } from './loadBalancerParts';
import type { PublicIpTwin } from './publicIpSteps';
import { publicIpv6Twin } from './publicIpSteps';
import { leftFailed, reapplySummary } from './leftFailed';

/** One path for every NIC's addition (plans are immutable). */
const IP_CONFIGURATIONS = ['properties', 'ipConfigurations'];

/**
 * What the NICs of one subnet that join the same pools have in common. Plans are immutable,
 * so those NICs share one copy: the NICs of a 5,000-spoke estate are most of its steps.
 */
interface NicTemplate {
  subnet: SubnetInfo;
  primaryName: string;
  /** twinName(primaryName) */
  name: string;
  pools: PoolTwin[];
  additions: Ipv6Addition[];
  dependsOn: (string | undefined)[];
  vnetKeys: string[];
  /** the summary after the NIC's name */
  summaryTail: string;
}

function sameItems<T>(a: T[], b: T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function template(
  ctx: PlanContext,
  subnet: SubnetInfo,
  subnetIpv6: string,
  primaryName: string,
  pools: PoolTwin[],
  publicIp?: PublicIpTwin,
): NicTemplate {
  const name = twinName(primaryName);
  const properties: Json = {
    primary: false,
    privateIPAddressVersion: 'IPv6',
    privateIPAllocationMethod: 'Dynamic',
    subnet: { id: subnet.id },
  };
  if (pools.length > 0) properties.loadBalancerBackendAddressPools = pools.map(({ id }) => ({ id }));
  if (publicIp) properties.publicIPAddress = { id: publicIp.id };
  return {
    subnet,
    primaryName,
    name,
    pools,
    additions: [{ op: 'addChild', path: IP_CONFIGURATIONS, value: { name, properties } }],
    dependsOn: [vnetStepId(ctx, subnet.vnetKey), ...pools.map((p) => p.stepId), publicIp?.stepId],
    vnetKeys: [subnet.vnetKey],
    summaryTail: `: IPv6 ip configuration ${name} in ${subnet.name} (${subnetIpv6})${pools.length > 0 ? `, ${pools.length} IPv6 pool${pools.length === 1 ? '' : 's'}` : ''}${publicIp ? `, public IP ${publicIp.id.split('/').pop() ?? publicIp.id}` : ''}`,
  };
}

/**
 * A NIC gets one secondary, dynamic IPv6 ip configuration in the subnet of its primary
 * configuration, joining the IPv6 twins of the pools the primary configuration is in.
 * Returns the template it used, for the next NIC (NICs come sorted, a subnet's together).
 */
function addNicStep(ctx: PlanContext, nic: NicInfo, last: NicTemplate | undefined): NicTemplate | undefined {
  if (isExcluded(nic.resource, ctx.config.exclusionTag)) return undefined;
  const primary = nic.ipConfigs.find((c) => c.primary) ?? nic.ipConfigs[0];
  if (!primary?.subnetKey) return undefined;
  const subnet = primary.subnet;
  const subnetIpv6 = ctx.subnetIpv6.get(primary.subnetKey);
  if (!subnet || !subnetIpv6 || !ctx.inPlay.has(subnet.vnetKey)) return undefined;
  if (nic.ipConfigs.some((c) => c.ipv6)) {
    if (leftFailed(nic.resource))
      addStep(ctx, {
        kind: 'networkInterface',
        resource: nic.resource,
        resourceKey: nic.key,
        additions: [],
        dependsOn: [vnetStepId(ctx, subnet.vnetKey)],
        vnetKeys: [subnet.vnetKey],
        ipv6Prefixes: [],
        summary: reapplySummary(`NIC ${nic.resource.name}`),
      });
    return undefined;
  }
  const name = last?.primaryName === primary.name ? last.name : twinName(primary.name);
  if (nic.ipConfigs.some((c) => equalsIgnoreCase(c.name, name))) return undefined;
  const pools: PoolTwin[] = [];
  for (const p of primary.poolKeys) {
    const poolTwin = ctx.poolTwins.get(p);
    if (poolTwin?.id && !pools.some((t) => t.id === poolTwin.id)) pools.push(poolTwin);
  }
  const publicIp = mirroredPublicIp(ctx, nic, subnet.vnetKey);
  // A NIC with its own public IP shares nothing; the next NIC doesn't share its template either.
  if (publicIp) {
    addNicStepFrom(ctx, nic, template(ctx, subnet, subnetIpv6, primary.name, pools, publicIp));
    return undefined;
  }
  const shared =
    last?.subnet === subnet && last.primaryName === primary.name && sameItems(last.pools, pools)
      ? last
      : template(ctx, subnet, subnetIpv6, primary.name, pools);
  addNicStepFrom(ctx, nic, shared);
  return shared;
}

function addNicStepFrom(ctx: PlanContext, nic: NicInfo, shared: NicTemplate): void {
  addStep(ctx, {
    kind: 'networkInterface',
    resource: nic.resource,
    resourceKey: nic.key,
    additions: shared.additions,
    dependsOn: shared.dependsOn,
    vnetKeys: shared.vnetKeys,
    ipv6Prefixes: [],
    summary: `NIC ${nic.resource.name}${shared.summaryTail}`,
  });
}

/**
 * With publicIpv6 'mirror', a NIC whose IPv4 ip configuration (the primary first) has a public IP
 * gets that public IP's IPv6 twin on its IPv6 configuration.
 */
function mirroredPublicIp(ctx: PlanContext, nic: NicInfo, vnetKey: string): PublicIpTwin | undefined {
  if (ctx.config.publicIpv6 !== 'mirror') return undefined;
  const withPublicIp = [...nic.ipConfigs]
    .sort((a, b) => Number(b.primary) - Number(a.primary))
    .find((c) => !c.ipv6 && refId(props(c.body).publicIPAddress) !== undefined);
  const ipv4Id = withPublicIp ? refId(props(withPublicIp.body).publicIPAddress) : undefined;
  return ipv4Id ? publicIpv6Twin(ctx, ipv4Id, `NIC ${nic.resource.name}`, [vnetKey]) : undefined;
}

/** Every NIC's step, in the order given. */
export function addNicSteps(ctx: PlanContext, nics: NicInfo[]): void {
  let last: NicTemplate | undefined;
  for (const nic of nics) last = addNicStep(ctx, nic, last) ?? last;
}

/**
 * The portal doc has the VM stopped before an IPv6 configuration is added; the API docs
 * don't (rulebook §3, a conflict). The app adds it live, as the CLI/PowerShell docs do, and
 * says so once per plan rather than once per NIC.
 */
export function warnAboutRunningVms(ctx: PlanContext): void {
  let attached = 0;
  for (const s of ctx.steps)
    if (s.kind === 'networkInterface' && s.desired.properties?.virtualMachine !== undefined) attached++;
  if (attached === 0) return;
  ctx.warnings.push({
    code: 'NicIpv6OnRunningVm',
    resourceId: ctx.hub.resource.id,
    message: `${attached} NIC${attached === 1 ? '' : 's'} attached to VMs get an IPv6 configuration while the VM runs; the guest OS picks it up over DHCPv6, and some Linux images need DHCPv6 switched on by hand`,
    fix: 'Check DHCPv6 in the guest images; restart a VM if its OS does not pick up the address.',
  });
}
