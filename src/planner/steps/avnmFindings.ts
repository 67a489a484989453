import type { ArmResource } from '../../arm/ArmResource';
import { parentResourceId } from '../../arm/resourceId';
import type { PeeringInfo, VnetInfo } from '../discovery/EstateIndex';
import { keyOf } from '../ids';
import { obj, objs, props, str, strs } from '../json';
import type { AvnmCommit } from '../Plan';
import type { PlanContext } from '../PlanContext';
import { addStep, vnetStepId } from '../PlanContext';
import { canonicalPrefix } from '../prefixes';
import { regionKey } from './avnmEstate';
import { finalIpv6 } from './peeringSyncSteps';

const NM = 'microsoft.network/networkmanagers';
const TYPE = {
  connectivity: `${NM}/connectivityconfigurations`,
  member: `${NM}/networkgroups/staticmembers`,
  deploymentStatus: `${NM}/deploymentstatus`,
};

/** A hub-and-spoke connectivity configuration (of this hub) in force for spokes of this plan. */
export interface AvnmConnectivity {
  config: ArmResource;
  managerId: string;
  /** spoke key -> its region key */
  spokes: Map<string, string>;
  /** regions where the configuration is deployed; undefined when the estate carries no deployment status */
  regions: Set<string> | undefined;
}

/** What Azure Virtual Network Manager owns in this estate, read once per plan. */
export interface AvnmView {
  /** spoke key -> the hub-and-spoke connectivity configurations (ids) that connect it to the hub */
  connectedSpokes: Map<string, string[]>;
  configurations: AvnmConnectivity[];
  /** True for a hub-spoke peering AVNM owns: a peering of an AVNM-connected spoke, or one AVNM named (ANM_) */
  ownsPeering(vnet: VnetInfo, peering: PeeringInfo): boolean;
}

function ofType(all: ArmResource[], type: string): ArmResource[] {
  return all.filter((r) => r.type.toLowerCase() === type);
}

/** network group key -> keys of its static member VNets */
function groupMembers(all: ArmResource[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of ofType(all, TYPE.member)) {
    const vnet = str(props(m).resourceId);
    if (!vnet) continue;
    const group = keyOf(parentResourceId(m.id, 2));
    out.set(group, [...(out.get(group) ?? []), keyOf(vnet)]);
  }
  return out;
}

function appliedGroups(resource: ArmResource): { key: string; directlyConnected: boolean }[] {
  return objs(props(resource).appliesToGroups).flatMap((g) => {
    const id = str(g.networkGroupId);
    return id ? [{ key: keyOf(id), directlyConnected: g.groupConnectivity === 'DirectlyConnected' }] : [];
  });
}

/** manager key -> configuration key -> regions where it is deployed (commit type Connectivity). */
function connectivityDeployments(all: ArmResource[]): Map<string, Map<string, Set<string>>> {
  const out = new Map<string, Map<string, Set<string>>>();
  for (const d of ofType(all, TYPE.deploymentStatus)) {
    const manager = keyOf(parentResourceId(d.id, 1));
    const byConfig = out.get(manager) ?? new Map<string, Set<string>>();
    out.set(manager, byConfig);
    const p = props(d);
    if (str(p.deploymentType) !== 'Connectivity' || p.deploymentStatus === 'Failed') continue;
    for (const id of strs(p.configurationIds)) {
      const regions = byConfig.get(keyOf(id)) ?? new Set<string>();
      regions.add(regionKey(str(p.region) ?? ''));
      byConfig.set(keyOf(id), regions);
    }
  }
  return out;
}

/**
 * Spokes that reach the hub through an AVNM hub-and-spoke connectivity configuration (the
 * configuration names the hub; its groups' static members are the spokes), deployed in the spoke's
 * region when the estate carries its manager's deployment status (without it, every configuration
 * counts). `vnets` are the VNets that may count as spokes. Pure: the planner and the rollback
 * planner both read it; `connectedGroups` names, per configuration, the spokes of a connected group.
 */
export function readAvnmConnectivity(
  all: ArmResource[],
  hubKey: string,
  vnets: ReadonlyMap<string, VnetInfo>,
): AvnmView & { connectedGroups: { config: ArmResource; names: string[] }[] } {
  const members = groupMembers(all);
  const deployments = connectivityDeployments(all);
  const connectedSpokes = new Map<string, string[]>();
  const configurations: AvnmConnectivity[] = [];
  const connectedGroups: { config: ArmResource; names: string[] }[] = [];
  for (const config of ofType(all, TYPE.connectivity)) {
    const p = props(config);
    if (p.connectivityTopology !== 'HubAndSpoke') continue;
    const hubs = objs(p.hubs).map((h) => keyOf(str(h.resourceId) ?? ''));
    if (!hubs.includes(hubKey)) continue;
    const managerId = parentResourceId(config.id, 1);
    const known = deployments.get(keyOf(managerId));
    const regions = known ? (known.get(keyOf(config.id)) ?? new Set<string>()) : undefined;
    const direct: string[] = [];
    const spokes = new Map<string, string>();
    for (const group of appliedGroups(config))
      for (const vnet of members.get(group.key) ?? []) {
        const info = vnets.get(vnet);
        if (!info || vnet === hubKey) continue;
        const region = regionKey(info.resource.location ?? '');
        if (regions && !regions.has(region)) continue;
        spokes.set(vnet, region);
        connectedSpokes.set(vnet, [...(connectedSpokes.get(vnet) ?? []), config.id]);
        if (group.directlyConnected) direct.push(info.resource.name);
      }
    if (spokes.size > 0) configurations.push({ config, managerId, spokes, regions });
    if (direct.length > 0) connectedGroups.push({ config, names: direct });
  }
  return {
    connectedSpokes,
    configurations,
    connectedGroups,
    ownsPeering: (vnet, peering) =>
      connectedSpokes.has(vnet.key) ||
      (peering.remoteKey !== undefined && connectedSpokes.has(peering.remoteKey)) ||
      peering.name.startsWith('ANM_'),
  };
}

/**
 * AVNM's hub-and-spoke connectivity over the spokes in play, with a warning for connected groups:
 * their spokes reach each other directly, not through the hub's NVA.
 */
export function readAvnm(ctx: PlanContext): AvnmView {
  const view = readAvnmConnectivity(ctx.index.avnm, ctx.hub.key, ctx.inPlay);
  for (const { config, names } of view.connectedGroups)
    ctx.warnings.push({
      code: 'AvnmConnectedGroup',
      resourceId: config.id,
      message: `${names.join(', ')} are a connected group of ${config.name}: their IPv6 traffic to each other goes directly, not through the hub's NVA (as their IPv4 does past the firewall)`,
      fix: 'Keep it if spoke-to-spoke inspection is not required; otherwise switch the group to hub-and-spoke without direct connectivity.',
    });
  return view;
}

/** Whether a peering between the hub and the spoke lacks IPv6 its remote will have once the plan ran. */
function peeringsBehind(ctx: PlanContext, spoke: VnetInfo): boolean {
  const spokeFinal = finalIpv6(ctx, spoke);
  const hubFinal = finalIpv6(ctx, ctx.hub);
  const behind = (p: PeeringInfo, remote: { prefixes: string[] }): boolean => {
    const known = new Set(
      strs(obj(props(p.body).remoteAddressSpace)?.addressPrefixes)
        .filter((x) => x.includes(':'))
        .map(canonicalPrefix),
    );
    return remote.prefixes.some((x) => !known.has(canonicalPrefix(x)));
  };
  return (
    ctx.hub.peerings.some((p) => p.remoteKey === spoke.key && behind(p, spokeFinal)) ||
    spoke.peerings.some((p) => p.remoteKey === ctx.hub.key && behind(p, hubFinal))
  );
}

/**
 * AVNM owns the hub peerings of the spokes its hub-and-spoke configurations connect: a direct sync
 * would be overwritten by its next deployment (and is refused with peeringEnforcement Enforced).
 * A deployment rewrites them with the VNets' address spaces as they are then, so the plan commits
 * the configuration (commitType Connectivity) again to the spokes' regions after the hub's and those
 * spokes' address spaces, while any of those peerings lacks IPv6 (level-triggered: once they carry
 * it, a re-plan has nothing). Without the manager's deployment status the regions are unknown: a
 * coded manual action instead. Connected-group spokes that have no peering to the hub need nothing.
 */
export function addAvnmConnectivityCommits(ctx: PlanContext, avnm: AvnmView, spokes: VnetInfo[]): void {
  // AVNM's peerings (ANM_) with no configuration in the estate to deploy again: say so, never sync them.
  for (const spoke of spokes) {
    if (avnm.connectedSpokes.has(spoke.key) || ctx.blocked.has(spoke.key)) continue;
    const anm = [
      ...ctx.hub.peerings.filter((p) => p.remoteKey === spoke.key),
      ...spoke.peerings.filter((p) => p.remoteKey === ctx.hub.key),
    ].filter((p) => p.name.startsWith('ANM_'));
    if (anm.length > 0 && peeringsBehind(ctx, spoke))
      ctx.manualActions.push({
        code: 'AvnmRedeployConnectivity',
        resourceId: anm[0]?.id ?? spoke.resource.id,
        message: `${anm.map((p) => p.name).join(', ')} between the hub and ${spoke.resource.name} are AVNM's, but the estate holds no connectivity configuration that creates them: Dualstack adds the spoke's IPv6 address space and leaves those peerings to AVNM`,
        fix: 'After the run, deploy the connectivity configuration that connects this spoke again (POST networkManagers/commit, commitType Connectivity) so AVNM syncs the IPv6 prefixes; include the network manager in the scope to let Dualstack do it.',
      });
  }
  for (const c of avnm.configurations) {
    const behind = [...c.spokes].filter(([k]) => {
      const spoke = ctx.inPlay.get(k);
      return spoke !== undefined && !ctx.blocked.has(k) && peeringsBehind(ctx, spoke);
    });
    if (behind.length === 0) continue;
    const names = behind.map(([k]) => ctx.inPlay.get(k)?.resource.name ?? k);
    const manager = ctx.index.avnm.find((r) => keyOf(r.id) === keyOf(c.managerId));
    if (!c.regions || !manager) {
      ctx.manualActions.push({
        code: 'AvnmRedeployConnectivity',
        resourceId: c.config.id,
        message: `AVNM owns the hub peerings of ${names.join(', ')}: Dualstack adds their IPv6 address space but does not sync those peerings (AVNM would overwrite a direct edit), and the estate does not say where the configuration is deployed`,
        fix: `After the run, deploy ${c.config.name} again (Deploy / POST networkManagers/commit, commitType Connectivity) in the regions it is deployed to, so AVNM syncs the IPv6 prefixes.`,
      });
      continue;
    }
    const spokeKeys = behind.map(([k]) => k);
    const commit: AvnmCommit = {
      commitType: 'Connectivity',
      configurationIds: [c.config.id],
      targetLocations: [...new Set(behind.map(([, region]) => region))].sort(),
    };
    addStep(ctx, {
      kind: 'avnmCommit',
      resource: manager,
      resourceKey: `${keyOf(c.config.id)}/commit`,
      additions: [{ op: 'commitAvnm', commit }],
      dependsOn: [ctx.hub.key, ...spokeKeys].flatMap((k) => vnetStepId(ctx, k) ?? []),
      vnetKeys: [ctx.hub.key, ...spokeKeys],
      shared: true,
      ipv6Prefixes: [],
      summary: `network manager ${manager.name}: deploy Connectivity ${c.config.name} to ${commit.targetLocations.join(', ')} again so AVNM syncs its peerings of ${names.join(', ')} (commit)`,
    });
  }
}
