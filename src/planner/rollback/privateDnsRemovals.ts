import { props, str } from '../json';
import { addedByDualstack, isEmptyDualstackSet } from '../privateDnsRecords';
import { zoneIdOf } from '../steps/privateDnsSteps';
import { BlockSet } from './ownership';
import type { RollbackContext } from './RollbackContext';
import { addRemovalStep, pushTo } from './RollbackContext';

/**
 * The AAAA records Dualstack added (the addresses its note in the set's metadata lists) for NICs of
 * the VNets going back: their addresses lie in those VNets' /56s. Records anyone else added stay; a
 * set Dualstack created goes once empty. These go first: the names stop pointing at IPv6 before the
 * NICs lose it (each VNet's NIC steps wait for them).
 */
export function addPrivateDnsRemovals(ctx: RollbackContext): Map<string, string[]> {
  const before = new Map<string, string[]>();
  const blocks = ctx.rollbacks.map((r) => ({ r, blocks: new BlockSet([r.block]) }));
  for (const set of ctx.index.privateDns.recordSets) {
    const added = addedByDualstack(set);
    if (added.length === 0) continue;
    const going = added.flatMap((address) => {
      const owner = blocks.find((b) => b.blocks.has(address));
      return owner ? [{ address, vnet: owner.r.vnet }] : [];
    });
    if (going.length === 0) continue;
    const vnets = [...new Map(going.map((g) => [g.vnet.key, g.vnet])).values()].sort((a, b) =>
      a.key < b.key ? -1 : 1,
    );
    const zoneName = zoneIdOf(set.id).split('/').at(-1) ?? '';
    const removals = going.map((g) => ({ op: 'removeAaaaRecord' as const, address: g.address }));
    const step = addRemovalStep(ctx, {
      kind: 'privateDnsRecordSet',
      resource: set,
      removals,
      dependsOn: [],
      vnetIds: vnets.map((v) => v.resource.id),
      ipv6Prefixes: [],
      summary: `AAAA ${str(props(set).fqdn) ?? `${set.name}.${zoneName}.`}: remove ${going.map((g) => g.address).join(', ')}`,
    });
    if (isEmptyDualstackSet(step.desired)) step.summary += ' (the set Dualstack created goes with them)';
    for (const v of vnets) pushTo(before, v.key, step.id);
  }
  return before;
}
