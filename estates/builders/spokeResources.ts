import type { ArmResource } from '../../src/arm/ArmResource';
import type { SpokeLayout } from '../TopologyLayout';
import { spokeSubnetRules } from '../securityRuleSets';
import type { BuildContext } from './BuildContext';
import { networkResourceId } from './armEnvelope';
import { internalLoadBalancer } from './internalLoadBalancer';
import { networkSecurityGroup } from './networkSecurityGroup';
import { nic, virtualMachineId } from './nic';
import { peeringPair } from './peeringPair';
import { publicIp } from './publicIp';
import { publicLoadBalancer } from './publicLoadBalancer';
import { routeTable } from './routeTable';
import type { VnetHandle } from './vnet';
import { subnetIdOf, vnet } from './vnet';

const HTTPS_PROBE = { name: 'probe-https', protocol: 'Tcp', port: 443 } as const;
const HTTPS_RULE = { name: 'rule-https', protocol: 'Tcp', frontendPort: 443, backendPort: 443 } as const;

export interface SpokeBuildOptions {
  onPremisesPrefix: string;
  /** Include Azure's six default NSG rules (ARM GET returns them; large estates may leave them out). */
  defaultSecurityRules: boolean;
}

/**
 * One spoke: route tables, an NSG per subnet, the VNet, its internal and public load balancers,
 * public IPs, NICs, and the peering pair with the hub.
 */
export function spokeResources(
  ctx: BuildContext,
  hub: VnetHandle,
  spoke: SpokeLayout,
  options: SpokeBuildOptions,
  out: ArmResource[],
): void {
  const rg = spoke.resourceGroup;
  const hubPrefix = hub.addressPrefixes[0] ?? '';
  for (const table of spoke.routeTables) out.push(routeTable(ctx, table.resourceGroup ?? rg, table));
  for (const s of spoke.subnets) {
    const rules = spokeSubnetRules(s.addressPrefix, hubPrefix, options.onPremisesPrefix);
    out.push(
      networkSecurityGroup(ctx, rg, s.networkSecurityGroup, rules, {
        defaultRules: options.defaultSecurityRules,
      }),
    );
  }

  const handle = vnet(
    ctx,
    rg,
    spoke.vnet,
    [spoke.addressPrefix],
    spoke.subnets.map((s) => ({
      name: s.name,
      addressPrefix: s.addressPrefix,
      networkSecurityGroupId: networkResourceId(ctx, rg, 'networkSecurityGroups', s.networkSecurityGroup),
      routeTableId: networkResourceId(
        ctx,
        s.routeTable.resourceGroup ?? rg,
        'routeTables',
        s.routeTable.name,
      ),
    })),
    { environment: spoke.environment },
  );
  out.push(handle.resource);

  let backendPoolIds: string[] = [];
  if (spoke.loadBalancer) {
    const lb = internalLoadBalancer(ctx, rg, {
      name: spoke.loadBalancer.name,
      subnetId: subnetIdOf(handle, spoke.loadBalancer.subnet),
      frontendIPAddress: spoke.loadBalancer.frontendIPAddress,
      probe: HTTPS_PROBE,
      rules: [HTTPS_RULE],
    });
    out.push(lb.resource);
    backendPoolIds = [lb.backendPoolId];
  }
  const publicPools = new Map<string, string>();
  const web = spoke.publicLoadBalancer;
  if (web) {
    const ip = publicIp(ctx, rg, web.publicIp);
    // Egress goes through the firewall (every subnet's 0.0.0.0/0), so the rule does no outbound SNAT.
    const lb = publicLoadBalancer(ctx, rg, {
      name: web.name,
      publicIpId: ip.id,
      poolName: 'pool-web',
      probe: HTTPS_PROBE,
      rules: [HTTPS_RULE],
      disableOutboundSnat: true,
    });
    out.push(ip, lb.resource);
    for (const subnet of web.backendSubnets) publicPools.set(subnet, lb.backendPoolId);
  }
  for (const s of spoke.subnets) {
    const subnetId = subnetIdOf(handle, s.name);
    const publicPool = publicPools.get(s.name);
    for (const n of s.nics) {
      const ip = n.publicIp ? publicIp(ctx, rg, n.publicIp) : undefined;
      if (ip) out.push(ip);
      out.push(
        nic(ctx, rg, {
          name: n.name,
          subnetId,
          privateIPAddresses: n.privateIPAddresses,
          backendPoolIds: publicPool ? [...backendPoolIds, publicPool] : backendPoolIds,
          virtualMachineId: virtualMachineId(ctx.subscriptionId, rg, n.virtualMachine),
          ...(ip ? { publicIpId: ip.id } : {}),
        }),
      );
    }
  }
  peeringPair(hub, handle, spoke.peerings);
}
