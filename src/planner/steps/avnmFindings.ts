import type { ArmResource } from '../../arm/ArmResource';
import { parentResourceId } from '../../arm/resourceId';
import type { PeeringInfo, VnetInfo } from '../discovery/EstateIndex';
import { keyOf } from '../ids';
import { objs, props, str } from '../json';
import type { PlanContext } from '../PlanContext';

const NM = 'microsoft.network/networkmanagers';
const TYPE = {
  connectivity: `${NM}/connectivityconfigurations`,
  member: `${NM}/networkgroups/staticmembers`,
  adminCollection: `${NM}/securityadminconfigurations/rulecollections`,
  adminRule: `${NM}/securityadminconfigurations/rulecollections/rules`,
  routingCollection: `${NM}/routingconfigurations/rulecollections`,
  routingRule: `${NM}/routingconfigurations/rulecollections/rules`,
};

/** What Azure Virtual Network Manager owns in this estate, read once per plan. */
export interface AvnmView {
  /** spoke key -> the hub-and-spoke connectivity configurations (ids) that connect it to the hub */
  connectedSpokes: Map<string, string[]>;
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

/**
 * Spokes that reach the hub through an AVNM hub-and-spoke connectivity configuration (the
 * configuration names the hub; its groups' static members are the spokes), with a warning for
 * connected groups: their spokes reach each other directly, not through the hub's NVA.
 */
export function readAvnm(ctx: PlanContext): AvnmView {
  const all = ctx.index.avnm;
  const members = groupMembers(all);
  const connectedSpokes = new Map<string, string[]>();
  for (const config of ofType(all, TYPE.connectivity)) {
    const p = props(config);
    if (p.connectivityTopology !== 'HubAndSpoke') continue;
    const hubs = objs(p.hubs).map((h) => keyOf(str(h.resourceId) ?? ''));
    if (!hubs.includes(ctx.hub.key)) continue;
    const direct: string[] = [];
    for (const group of appliedGroups(config))
      for (const vnet of members.get(group.key) ?? []) {
        if (!ctx.inPlay.has(vnet) || vnet === ctx.hub.key) continue;
        connectedSpokes.set(vnet, [...(connectedSpokes.get(vnet) ?? []), config.id]);
        if (group.directlyConnected) direct.push(ctx.inPlay.get(vnet)?.resource.name ?? vnet);
      }
    if (direct.length > 0)
      ctx.warnings.push({
        code: 'AvnmConnectedGroup',
        resourceId: config.id,
        message: `${direct.join(', ')} are a connected group of ${config.name}: their IPv6 traffic to each other goes directly, not through the hub's NVA (as their IPv4 does past the firewall)`,
        fix: 'Keep it if spoke-to-spoke inspection is not required; otherwise switch the group to hub-and-spoke without direct connectivity.',
      });
  }
  return {
    connectedSpokes,
    ownsPeering: (vnet, peering) =>
      connectedSpokes.has(vnet.key) ||
      (peering.remoteKey !== undefined && connectedSpokes.has(peering.remoteKey)) ||
      peering.name.startsWith('ANM_'),
  };
}

/** After the run: AVNM syncs the peerings it owns only when it deploys its configuration again. */
export function addAvnmConnectivityActions(ctx: PlanContext, avnm: AvnmView, spokes: VnetInfo[]): void {
  const byConfig = new Map<string, string[]>();
  for (const s of spokes)
    for (const config of avnm.connectedSpokes.get(s.key) ?? [])
      byConfig.set(config, [...(byConfig.get(config) ?? []), s.resource.name]);
  for (const [config, names] of byConfig)
    ctx.manualActions.push({
      code: 'AvnmRedeployConnectivity',
      resourceId: config,
      message: `AVNM owns the hub peerings of ${names.join(', ')}: Dualstack adds their IPv6 address space but does not sync those peerings (AVNM would overwrite a direct edit)`,
      fix: `After the run, deploy ${config.split('/').at(-1) ?? config} again (Deploy / POST networkManagers/commit, commitType Connectivity) in the hub's and spokes' regions so AVNM syncs the IPv6 prefixes.`,
    });
}

/** An IPv4 prefix list as its IPv6 twin, or the first reason it can't be translated. */
function twinPrefixes(ctx: PlanContext, items: ArmResource['properties'][]): { ok: string[]; fail?: string } {
  const ok: string[] = [];
  for (const item of items) {
    const address = str(item?.addressPrefix);
    if (!address || item?.addressPrefixType !== 'IPPrefix') {
      if (address) ok.push(address);
      continue;
    }
    const t = ctx.translator.translate(address, 'subnet');
    if (t.kind === 'fail') return { ok, fail: t.reason };
    ok.push(t.kind === 'ipv6' ? t.prefix : address);
  }
  return { ok };
}

function hasIpv4(items: ArmResource['properties'][]): boolean {
  return items.some(
    (i) => i?.addressPrefixType === 'IPPrefix' && !(str(i.addressPrefix) ?? '').includes(':'),
  );
}

/** Rule collections that apply to a group with a VNet this plan migrates. */
function collectionsInPlay(ctx: PlanContext, type: string): Set<string> {
  const members = groupMembers(ctx.index.avnm);
  const out = new Set<string>();
  for (const c of ofType(ctx.index.avnm, type))
    if (appliedGroups(c).some((g) => (members.get(g.key) ?? []).some((v) => ctx.inPlay.has(v))))
      out.add(keyOf(c.id));
  return out;
}

/**
 * AVNM security admin rules and routing rules are enforced on the VNets of their groups before
 * NSGs and route tables, and AVNM overwrites a direct edit of what it deploys. Their IPv6 twins
 * belong in the rule collections; each is a coded manual action with the exact twin to add (and
 * the commit that deploys it), never an edit of a deployed artefact.
 */
export function addAvnmRuleActions(ctx: PlanContext): void {
  const admin = collectionsInPlay(ctx, TYPE.adminCollection);
  for (const rule of ofType(ctx.index.avnm, TYPE.adminRule)) {
    if (!admin.has(keyOf(parentResourceId(rule.id, 3)))) continue;
    const p = props(rule);
    const sources = objs(p.sources);
    const destinations = objs(p.destinations);
    if (!hasIpv4(sources) && !hasIpv4(destinations)) continue;
    const s = twinPrefixes(ctx, sources);
    const d = twinPrefixes(ctx, destinations);
    const fail = s.fail ?? d.fail;
    if (fail) {
      ctx.warnings.push({
        code: 'AvnmAdminRuleNotTranslated',
        resourceId: rule.id,
        message: `security admin rule ${rule.name} gets no IPv6 twin: ${fail}`,
        fix: 'Add the IPv6 prefix to onPremisesPrefixMap, or write the twin rule by hand.',
      });
      continue;
    }
    ctx.manualActions.push({
      code: 'AvnmSecurityAdminRuleTwin',
      resourceId: rule.id,
      message: `AVNM security admin rule ${rule.name} (${String(p.direction)} ${String(p.access)} ${String(p.protocol)}) has no IPv6 twin; AVNM enforces it before NSGs, so Dualstack leaves it to the rule collection`,
      fix: `Add rule ${rule.name}-ipv6 to ${parentResourceId(rule.id, 3).split('/').at(-1) ?? ''}: the same direction, access, protocol and ports, a free priority, sources ${s.ok.join(', ') || '*'} and destinations ${d.ok.join(', ') || '*'}; then deploy the security admin configuration (commitType SecurityAdmin).`,
    });
  }
  const routing = collectionsInPlay(ctx, TYPE.routingCollection);
  for (const rule of ofType(ctx.index.avnm, TYPE.routingRule)) {
    if (!routing.has(keyOf(parentResourceId(rule.id, 3)))) continue;
    const p = props(rule);
    const destination = props({ properties: p.destination });
    const prefix = str(destination.destinationAddress);
    if (destination.type !== 'AddressPrefix' || !prefix || prefix.includes(':')) continue;
    const t = ctx.translator.translate(prefix, 'vnet');
    const hop = props({ properties: p.nextHop });
    const via =
      hop.nextHopType === 'VirtualAppliance'
        ? `VirtualAppliance ${ctx.nextHop?.address ?? '(the IPv6 NVA frontend)'}`
        : String(hop.nextHopType);
    ctx.manualActions.push({
      code: 'AvnmRoutingRuleTwin',
      resourceId: rule.id,
      message: `AVNM routing rule ${rule.name} (${prefix} → ${String(hop.nextHopType)}) has no IPv6 twin; AVNM owns the route tables it deploys, so Dualstack doesn't edit them`,
      fix:
        t.kind === 'ipv6'
          ? `Add rule ${rule.name}-ipv6 to ${parentResourceId(rule.id, 3).split('/').at(-1) ?? ''}: destination ${t.prefix}, next hop ${via}; then deploy the routing configuration (commitType Routing).`
          : `Write an IPv6 twin of ${rule.name} by hand (${t.kind === 'fail' ? t.reason : 'no IPv4 prefix'}), then deploy the routing configuration.`,
    });
  }
}
