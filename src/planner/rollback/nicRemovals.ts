import type { EstateIndex } from '../discovery/EstateIndex';
import type { RollbackContext } from './RollbackContext';
import { addRemovalStep, addStepInSubnet, ipConfigKey, vnetIdsOf } from './RollbackContext';
import { isTwinOf } from './ownership';
import { addPublicIpRemoval, createdPublicIp } from './publicIpRemovals';

/** ipConfigKey of every IPv6 twin ip configuration in a subnet that loses its IPv6. */
export function removedIpConfigs(index: EstateIndex, strippedSubnets: Set<string>): Set<string> {
  const removed = new Set<string>();
  for (const nic of index.nics) {
    const names = nic.ipConfigs.map((c) => c.name);
    const removing = nic.ipConfigs.filter(
      (c) =>
        c.ipv6 && c.subnetKey !== undefined && strippedSubnets.has(c.subnetKey) && isTwinOf(c.name, names),
    );
    for (const c of removing) removed.add(ipConfigKey(nic.key, c.name));
  }
  return removed;
}

/**
 * NICs leave their IPv6 pools by losing the ip configuration that joined them, after the steps
 * that take their VNet's AAAA records out (`after`: VNet key -> step ids).
 */
export function addNicRemovals(ctx: RollbackContext, after: Map<string, string[]> = new Map()): void {
  for (const nic of ctx.index.nics) {
    const removing = nic.ipConfigs.filter((c) => ctx.removedConfigs.has(ipConfigKey(nic.key, c.name)));
    if (removing.length === 0) continue;
    const subnets = removing.flatMap((c) => (c.subnet ? [c.subnet] : []));
    const step = addRemovalStep(ctx, {
      kind: 'networkInterface',
      resource: nic.resource,
      removals: removing.map((c) => ({
        op: 'removeChild',
        path: ['properties', 'ipConfigurations'],
        name: c.name,
      })),
      dependsOn: [...new Set(subnets.map((s) => s.vnetKey))].flatMap((k) => after.get(k) ?? []),
      vnetIds: vnetIdsOf(ctx, subnets),
      ipv6Prefixes: [],
    });
    ctx.nicSteps.set(nic.key, step.id);
    for (const s of subnets) addStepInSubnet(ctx, s.key, step.id);
    for (const c of removing) {
      const ipv4 = nic.ipConfigs.find(
        (o) => !o.ipv6 && `${o.name}-ipv6`.toLowerCase() === c.name.toLowerCase(),
      );
      const publicIp = ipv4 ? createdPublicIp(ctx, c.body, ipv4.body) : undefined;
      if (publicIp) addPublicIpRemoval(ctx, publicIp, step.id, step.vnetIds);
    }
  }
}
