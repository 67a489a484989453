import type { PlanContext, PoolTwin } from '../PlanContext';
import { addStep, vnetStepId } from '../PlanContext';
import type { NicInfo } from '../discovery/EstateIndex';
import { isExcluded } from '../discovery/discoverVnets';
import type { Json } from '../json';
import { twinName } from './loadBalancerParts';

/**
 * A NIC gets one secondary, dynamic IPv6 ip configuration in the subnet of its primary
 * configuration, joining the IPv6 twins of the pools the primary configuration is in.
 */
export function addNicStep(ctx: PlanContext, nic: NicInfo): void {
  if (nic.ipConfigs.some((c) => c.ipv6) || isExcluded(nic.resource, ctx.config.exclusionTag)) return;
  const primary = nic.ipConfigs.find((c) => c.primary) ?? nic.ipConfigs[0];
  if (!primary?.subnetKey) return;
  const subnet = ctx.index.subnets.get(primary.subnetKey);
  const subnetIpv6 = ctx.subnetIpv6.get(primary.subnetKey);
  if (!subnet || !subnetIpv6 || !ctx.inPlay.has(subnet.vnetKey)) return;
  const name = twinName(primary.name);
  if (nic.ipConfigs.some((c) => c.name.toLowerCase() === name.toLowerCase())) return;
  const pools: PoolTwin[] = [];
  for (const p of primary.poolKeys) {
    const twin = ctx.poolTwins.get(p);
    if (twin?.id && !pools.some((t) => t.id === twin.id)) pools.push(twin);
  }
  const properties: Json = {
    primary: false,
    privateIPAddressVersion: 'IPv6',
    privateIPAllocationMethod: 'Dynamic',
    subnet: { id: subnet.id },
  };
  if (pools.length > 0) properties.loadBalancerBackendAddressPools = pools.map(({ id }) => ({ id }));
  addStep(ctx, {
    kind: 'networkInterface',
    resource: nic.resource,
    resourceKey: nic.key,
    additions: [{ op: 'addChild', path: ['properties', 'ipConfigurations'], value: { name, properties } }],
    dependsOn: [vnetStepId(ctx, subnet.vnetKey), ...pools.map((p) => p.stepId)],
    vnetKeys: [subnet.vnetKey],
    ipv6Prefixes: [],
    summary: `NIC ${nic.resource.name}: IPv6 ip configuration ${name} in ${subnet.name} (${subnetIpv6})${pools.length > 0 ? `, ${pools.length} IPv6 pool${pools.length === 1 ? '' : 's'}` : ''}`,
  });
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
