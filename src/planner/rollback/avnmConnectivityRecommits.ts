import { keyOf } from '../ids';
import type { AvnmCommit } from '../Plan';
import type { AvnmView } from '../steps/avnmFindings';
import type { StalePeering } from './peeringSyncRemovals';
import type { RollbackContext } from './RollbackContext';
import { addRemovalStep, pushTo } from './RollbackContext';

/**
 * AVNM owns a hub peering of a spoke its hub-and-spoke configurations connect, and every peering it
 * named (ANM_): a direct sync would be overwritten by its next deployment (and is refused when the
 * configuration enforces its peerings).
 */
export function ownedByAvnm(ctx: RollbackContext, avnm: AvnmView, stale: StalePeering): boolean {
  if (stale.peering.name.startsWith('ANM_')) return true;
  const hub = ctx.hub.key;
  const spoke = stale.holder.key === hub ? stale.remote : stale.remote.key === hub ? stale.holder : undefined;
  return spoke !== undefined && avnm.connectedSpokes.has(spoke.key);
}

/**
 * AVNM's peerings that still show a block the rollback removes are synced the way AVNM syncs
 * them: the connectivity configuration is deployed again (commitType Connectivity, to the regions
 * where it is deployed and those spokes are) after the VNet writes that take the blocks out, and
 * the deployment rewrites each peering with its remote's address space as it then is. Azure needs
 * that order: the address space first, then the sync. Level-triggered like the migration's
 * commit: once the peerings no longer show the blocks, a re-plan has nothing. Peerings no
 * deployable configuration of the estate explains are a coded manual action, never a direct sync.
 */
export function addAvnmConnectivityRecommits(
  ctx: RollbackContext,
  avnm: AvnmView,
  left: StalePeering[],
): void {
  const hub = ctx.hub.key;
  /** configuration key -> its stale peerings */
  const byConfig = new Map<string, StalePeering[]>();
  const unexplained: StalePeering[] = [];
  for (const s of left) {
    const spoke = s.holder.key === hub ? s.remote.key : s.remote.key === hub ? s.holder.key : undefined;
    const c = avnm.configurations.find((x) => spoke !== undefined && x.spokes.has(spoke));
    const deployable = c?.regions && ctx.index.avnm.some((r) => keyOf(r.id) === keyOf(c.managerId));
    if (c && deployable) pushTo(byConfig, keyOf(c.config.id), s);
    else unexplained.push(s);
  }
  for (const s of unexplained)
    ctx.manualActions.push({
      code: 'AvnmRedeployConnectivity',
      resourceId: s.peering.id,
      message: `${s.holder.resource.name}/${s.peering.name} is AVNM's and still shows ${s.block} of ${s.remote.resource.name}, but the estate holds no deployed connectivity configuration that creates it: Dualstack does not sync it (AVNM would overwrite a direct edit)`,
      fix: 'After the rollback, deploy the connectivity configuration that creates this peering again (POST networkManagers/commit, commitType Connectivity) so AVNM syncs the address space without the IPv6 prefix.',
    });
  for (const c of avnm.configurations) {
    const stale = byConfig.get(keyOf(c.config.id));
    const manager = ctx.index.avnm.find((r) => keyOf(r.id) === keyOf(c.managerId));
    if (!stale || !manager) continue;
    const spokes = [...new Set(stale.map((s) => (s.holder.key === hub ? s.remote : s.holder)))];
    const losing = [...new Map(stale.map((s) => [s.remote.key, s.remote])).values()];
    const commit: AvnmCommit = {
      commitType: 'Connectivity',
      configurationIds: [c.config.id],
      targetLocations: [...new Set(spokes.map((v) => c.spokes.get(v.key) ?? ''))].filter(Boolean).sort(),
    };
    addRemovalStep(ctx, {
      kind: 'avnmCommit',
      resource: manager,
      resourceKey: `${keyOf(c.config.id)}/commit`,
      removals: [{ op: 'commitAvnm', commit }],
      dependsOn: [hub, ...spokes.map((v) => v.key)].map((k) => ctx.vnetSteps.get(k)),
      vnetIds: losing.map((v) => v.resource.id).sort(),
      ipv6Prefixes: [...new Set(stale.map((s) => s.block))].sort(),
      shared: true,
      summary: `network manager ${manager.name}: deploy Connectivity ${c.config.name} to ${commit.targetLocations.join(', ')} again so AVNM's peerings of ${spokes.map((v) => v.resource.name).join(', ')} drop the IPv6 prefixes removed (commit)`,
    });
  }
}
