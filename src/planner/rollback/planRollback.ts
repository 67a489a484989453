import { samePrefix } from '../prefixes';
import type { ArmResource } from '../../arm/ArmResource';
import type { DualStackConfig } from '../config/DualStackConfig';
import { derivePool } from '../config/derivePool';
import { discoverVnets } from '../discovery/discoverVnets';
import type { VnetInfo } from '../discovery/EstateIndex';
import { indexEstate } from '../discovery/indexEstate';
import { keyOf } from '../ids';
import type { Finding, Plan, VnetPlan } from '../Plan';
import type { PrefixReservation } from '../PrefixReservation';
import type { Rollback } from './chooseVnets';
import { chooseVnets } from './chooseVnets';
import { addAvnmRuleRemovals } from './avnmRuleRemovals';
import { addAvnmConnectivityRecommits, ownedByAvnm } from './avnmConnectivityRecommits';
import { readAvnmConnectivity } from '../steps/avnmFindings';
import { addExpressRouteManualActions } from './expressRouteManualActions';
import { foreignIpv6Users } from './foreignIpv6Users';
import { addLoadBalancerRemovals } from './loadBalancerRemovals';
import { addNicRemovals, removedIpConfigs } from './nicRemovals';
import { addNsgRemovals } from './nsgRemovals';
import { addPeeringSyncRemovals } from './peeringSyncRemovals';
import { addPrivateDnsRemovals } from './privateDnsRemovals';
import type { RollbackContext } from './RollbackContext';
import { pushTo } from './RollbackContext';
import { addRouteTableRemovals } from './routeTableRemovals';
import { BlockSet } from './ownership';
import { addVnetRemovals } from './vnetRemovals';
import { addIpamRemovals, ipamReservations } from './ipamRemovals';
import type { IpamPoolState } from '../ipam/IpamPoolState';

export interface RollbackOptions {
  /** The VNets to take back to IPv4 (the hub and/or spokes). Default: every VNet Dualstack holds a reservation for. */
  vnetIds?: string[];
  /** The exclusion tag's value on rolled-back VNets, so events and drift scans leave them IPv4. */
  tagValue?: string;
  /** The configured IPAM pool as observed (config ipamPoolId): its Dualstack static CIDRs stand for the reservations. */
  ipam?: IpamPoolState;
}

/** Spokes before the hub: the reverse of the order they gained IPv6 in. */
function spokesThenHub(rollbacks: Rollback[], hub: VnetInfo): Rollback[] {
  return [...rollbacks].sort((x, y) =>
    x.vnet.key === hub.key ? 1 : y.vnet.key === hub.key ? -1 : x.vnet.key < y.vnet.key ? -1 : 1,
  );
}

/**
 * The plan that takes Dualstack's IPv6 back out of the chosen VNets, in the reverse of the order
 * Azure needed to add it: route and NSG twins, then NIC ip configurations (which leave their IPv6
 * pools), then load balancer twins, then each VNet's subnet /64s and /56 (spokes before the hub),
 * then the peering syncs (AVNM's peerings: its connectivity configuration deployed again). IPv4 is never touched; anything a person added is left alone, and where
 * it holds an IPv6 subnet the VNet is blocked rather than half rolled back. Each rolled-back VNet
 * gets the exclusion tag, or the next event or drift scan would dual-stack it again.
 */
export function planRollback(
  observed: ArmResource[],
  config: DualStackConfig,
  reservations: PrefixReservation[],
  options: RollbackOptions = {},
): Plan {
  const index = indexEstate(observed);
  const { hub, spokes, excluded } = discoverVnets(index, config);
  const candidates = new Map<string, VnetInfo>();
  for (const v of [...spokes, ...excluded, hub]) candidates.set(v.key, v);
  const ipam =
    config.ipamPoolId !== undefined
      ? (options.ipam ?? { poolId: config.ipamPoolId, staticCidrs: [] })
      : undefined;
  const reserved = ipam ? ipamReservations({ index }, ipam) : new Map<string, string>();
  if (!ipam) for (const r of reservations) reserved.set(keyOf(r.vnetId), r.prefix);
  const blockers: Finding[] = [];
  const warnings: Finding[] = [];

  const { rollbacks: wanted, unowned } = chooseVnets(candidates, reserved, options.vnetIds, warnings);
  const blocked = new Set<string>();
  for (const [vnetKey, found] of foreignIpv6Users(index, wanted)) {
    blockers.push(...found);
    blocked.add(vnetKey);
  }
  // After the blockers above: a spoke they keep is one that keeps Dualstack's IPv6 too.
  const goingKeys = new Set(wanted.filter((r) => !blocked.has(r.vnet.key)).map((r) => r.vnet.key));
  if (goingKeys.has(hub.key)) {
    // Spokes route IPv6 through the hub's NVA frontend: the hub goes back only with them.
    const left = [...candidates.values()].filter((v) => {
      const block = reserved.get(v.key);
      return v.key !== hub.key && !goingKeys.has(v.key) && block && v.ipv6.some((p) => samePrefix(p, block));
    });
    if (left.length > 0) {
      blockers.push({
        code: 'HubRollbackLeavesSpokes',
        resourceId: hub.resource.id,
        message: `the hub can't go back to IPv4 while spokes keep Dualstack's IPv6: ${left.map((v) => v.resource.name).join(', ')}`,
        fix: 'Roll those spokes back in the same run (clearing what blocks them), or roll back spokes only.',
      });
      blocked.add(hub.key);
    }
  }
  const rollbacks = spokesThenHub(
    wanted.filter((r) => !blocked.has(r.vnet.key)),
    hub,
  );
  const strippedSubnets = new Set(rollbacks.flatMap((r) => [...r.subnets.keys()]));
  const ctx: RollbackContext = {
    config,
    index,
    hub,
    reserved,
    blocked,
    rollbacks,
    unowned,
    removedBlocks: new BlockSet(rollbacks.map((r) => r.block)),
    strippedSubnets,
    removedConfigs: removedIpConfigs(index, strippedSubnets),
    hopUsers: new Map(),
    nicSteps: new Map(),
    stepsInSubnet: new Map(),
    vnetSteps: new Map(),
    steps: [],
    blockers,
    warnings,
    manualActions: [],
  };

  // Each builder's steps depend only on steps added before them: the plan is in order as it's built.
  // Route tables and NSGs first: nothing depends on them, and they stop pointing at what goes next.
  const dnsSteps = addPrivateDnsRemovals(ctx);
  addRouteTableRemovals(ctx);
  // Before the load balancers: the NVA frontend goes only once AVNM stops routing IPv6 to it.
  addAvnmRuleRemovals(ctx);
  addNsgRemovals(ctx);
  addNicRemovals(ctx, dnsSteps);
  addLoadBalancerRemovals(ctx);
  addVnetRemovals(ctx, options.tagValue);
  if (ipam) addIpamRemovals(ctx, ipam);
  // AVNM's peerings are synced by deploying their configuration again, after the VNet writes.
  const avnm = readAvnmConnectivity(index.avnm, hub.key, index.vnets);
  addAvnmConnectivityRecommits(
    ctx,
    avnm,
    addPeeringSyncRemovals(ctx, (stale) => ownedByAvnm(ctx, avnm, stale)),
  );
  addExpressRouteManualActions(ctx);

  return {
    schemaVersion: 1,
    hubVnetId: hub.resource.id,
    ipv6Pool: config.ipv6Pool ?? derivePool(hub.resource.id),
    poolGenerated: config.ipv6Pool === undefined,
    vnets: vnetPlans(ctx, wanted),
    steps: ctx.steps,
    blockers: ctx.blockers,
    warnings: ctx.warnings,
    manualActions: ctx.manualActions,
    reservations: [],
    rollback: true,
  };
}

/**
 * The VNets asked for, as they are now. An unowned VNet's reservation is listed when the VNet no
 * longer carries it: the run gives it back.
 */
function vnetPlans(ctx: RollbackContext, wanted: Rollback[]): VnetPlan[] {
  const listed: { vnet: VnetInfo; block?: string }[] = [
    ...wanted,
    ...ctx.unowned.map((vnet) => {
      const block = ctx.reserved.get(vnet.key);
      return block !== undefined && !vnet.ipv6.some((p) => samePrefix(p, block)) ? { vnet, block } : { vnet };
    }),
  ];
  const stepIds = new Map<string, string[]>();
  for (const s of ctx.steps) if (s.vnetId !== undefined) pushTo(stepIds, s.vnetId, s.id);
  return listed.map(({ vnet, block }) => {
    const plan: VnetPlan = {
      vnetId: vnet.resource.id,
      role: vnet.key === ctx.hub.key ? 'hub' : 'spoke',
      ipv4Prefixes: vnet.ipv4,
      ipv6Existing: vnet.ipv6.length > 0,
      subnets: vnet.subnets.map((s) => ({
        name: s.name,
        ipv4Prefixes: s.ipv4,
        ...(s.ipv6[0] ? { ipv6Prefix: s.ipv6[0] } : {}),
        existing: s.ipv6.length > 0,
      })),
      stepIds: stepIds.get(vnet.resource.id) ?? [],
    };
    if (block) plan.ipv6Prefix = block;
    if (ctx.blocked.has(vnet.key)) plan.blocked = true;
    return plan;
  });
}
