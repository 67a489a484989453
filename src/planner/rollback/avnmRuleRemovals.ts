import type { ArmResource } from '../../arm/ArmResource';
import { parentResourceId } from '../../arm/resourceId';
import { inScope } from '../discovery/discoverVnets';
import { keyOf } from '../ids';
import { objs, props, str } from '../json';
import type { AvnmCommit } from '../Plan';
import { canonicalPrefix, isIpv6 } from '../prefixes';
import type { AvnmCollection, AvnmKind } from '../steps/avnmEstate';
import { deployedRegions, readAvnmEstate, regionKey } from '../steps/avnmEstate';
import { AVNM_TWIN_MARK, commitStepKey, managerOf } from '../steps/avnmRuleTwins';
import type { RollbackContext } from './RollbackContext';
import { addRemovalStep, pushTo } from './RollbackContext';
import { removedFrontendAddresses } from './routeTableRemovals';

/** A twin Dualstack added: `<name>-ipv6` beside `<name>` in the same collection, with Dualstack's description. */
function dualstackTwins(c: AvnmCollection): ArmResource[] {
  const names = new Set(c.rules.map((r) => r.name.toLowerCase()));
  return c.rules.filter((r) => {
    const original = r.name.replace(/-ipv6$/i, '');
    return (
      original !== r.name &&
      names.has(original.toLowerCase()) &&
      (str(props(r).description) ?? '').startsWith(AVNM_TWIN_MARK)
    );
  });
}

/** The VNets (keys) a collection's groups reach. */
function targetsOf(
  ctx: RollbackContext,
  c: AvnmCollection,
  members: ReturnType<typeof readAvnmEstate>['members'],
) {
  const out = new Set<string>();
  for (const g of c.groupKeys) {
    const m = members.get(g);
    for (const v of m?.vnets ?? []) out.add(v);
    for (const s of m?.subnets ?? [])
      out.add(ctx.index.subnets.get(s)?.vnetKey ?? keyOf(parentResourceId(s, 1)));
  }
  return [...out].sort();
}

/**
 * Rollback of the AVNM rule twins: a twin goes when no VNet of its collection keeps IPv6, when its
 * next hop is an NVA frontend that goes, or when it names a /56 that goes; then one commit per
 * manager and kind deploys the collections without them. Load balancer frontends wait for that
 * commit (AVNM still routes to them until it lands). A twin that other dual-stack VNets still need
 * stays, with a warning.
 */
export function addAvnmRuleRemovals(ctx: RollbackContext): void {
  const estate = readAvnmEstate(ctx.index);
  const going = new Set(ctx.rollbacks.map((r) => r.vnet.key));
  const deadHops = removedFrontendAddresses(ctx);
  const commits = new Map<
    string,
    {
      managerId: string;
      kind: AvnmKind;
      configs: Set<string>;
      regions: Set<string>;
      deps: string[];
      vnets: Set<string>;
      hops: Set<string>;
    }
  >();
  for (const c of estate.collections) {
    const twins = dualstackTwins(c);
    const targets = targetsOf(ctx, c, estate.members);
    if (twins.length === 0 || !targets.some((v) => going.has(v))) continue;
    const cfg = c.configuration;
    if (!inScope(cfg.managerId, ctx.config.scope)) {
      ctx.manualActions.push({
        code: 'AvnmManagerOutOfScope',
        resourceId: c.resource.id,
        message: `the IPv6 twins in ${c.resource.name} (${twins.map((t) => t.name).join(', ')}) stay: its network manager is outside the configured scope`,
        fix: `Delete them and deploy ${cfg.resource.name} again (commit ${cfg.kind}).`,
      });
      continue;
    }
    const unused = targets.every((v) => going.has(v) || (ctx.index.vnets.get(v)?.ipv6.length ?? 0) === 0);
    const goingTargets = targets.filter((v) => going.has(v));
    const vnetIds = goingTargets.map((v) => ctx.index.vnets.get(v)?.resource.id ?? v);
    const deployed = deployedRegions(estate, cfg);
    const regions = goingTargets
      .map((v) => ctx.index.vnets.get(v)?.resource.location)
      .filter((l): l is string => l !== undefined)
      .map(regionKey)
      .filter((r) => !deployed || deployed.has(r));
    const kept: string[] = [];
    for (const twin of twins) {
      const p = props(twin);
      const hop = str(props({ properties: p.nextHop }).nextHopAddress);
      const hopKey = hop !== undefined ? canonicalPrefix(`${hop}/128`) : undefined;
      const prefixes = [
        str(props({ properties: p.destination }).destinationAddress) ?? '',
        ...[...objs(p.sources), ...objs(p.destinations)].map((i) => str(i.addressPrefix) ?? ''),
      ].filter(isIpv6);
      const goes =
        unused ||
        (hopKey !== undefined && deadHops.has(hopKey)) ||
        prefixes.some((x) => ctx.removedBlocks.has(x));
      if (!goes) {
        kept.push(twin.name);
        continue;
      }
      const step = addRemovalStep(ctx, {
        kind: cfg.kind === 'Routing' ? 'avnmRoutingRule' : 'avnmSecurityAdminRule',
        resource: twin,
        removals: [{ op: 'deleteResource' }],
        dependsOn: [],
        vnetIds,
        ipv6Prefixes: prefixes,
        shared: true,
        summary: `AVNM rule collection ${c.resource.name}: delete the IPv6 twin ${twin.name} (Dualstack added it)`,
      });
      const k = `${cfg.managerKey}|${cfg.kind}`;
      const commit = commits.get(k) ?? {
        managerId: cfg.managerId,
        kind: cfg.kind,
        configs: new Set<string>(),
        regions: new Set<string>(),
        deps: [],
        vnets: new Set<string>(),
        hops: new Set<string>(),
      };
      commits.set(k, commit);
      commit.configs.add(cfg.resource.id);
      for (const r of regions) commit.regions.add(r);
      for (const v of vnetIds) commit.vnets.add(v);
      commit.deps.push(step.id);
      if (hopKey) commit.hops.add(hopKey);
    }
    if (kept.length > 0)
      ctx.warnings.push({
        code: 'AvnmTwinKept',
        resourceId: c.resource.id,
        message: `the IPv6 twins ${kept.join(', ')} in ${c.resource.name} stay: VNets of its groups that keep IPv6 still need them`,
      });
  }
  for (const commit of [...commits.values()].sort((a, b) => (a.managerId < b.managerId ? -1 : 1))) {
    const manager = managerOf(estate, commit.managerId);
    const value: AvnmCommit = {
      commitType: commit.kind,
      configurationIds: [...commit.configs].sort(),
      targetLocations: [...commit.regions].sort(),
    };
    const step = addRemovalStep(ctx, {
      kind: 'avnmCommit',
      resource: manager,
      resourceKey: commitStepKey(manager.id, commit.kind),
      removals: [{ op: 'commitAvnm', commit: value }],
      dependsOn: commit.deps,
      vnetIds: [...commit.vnets].sort(),
      ipv6Prefixes: [],
      shared: true,
      summary: `network manager ${manager.name}: deploy ${commit.kind} ${value.configurationIds.map((id) => id.split('/').at(-1) ?? id).join(', ')} again without the IPv6 twins, to ${value.targetLocations.join(', ')} (commit)`,
    });
    for (const hop of commit.hops) pushTo(ctx.hopUsers, hop, step.id);
  }
}
