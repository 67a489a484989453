import type { ArmResource } from '../arm/ArmResource';
import { keyOf } from './ids';
import type { VnetPrefix } from './addressPlan/planVnetPrefixes';
import { applyIpv6Additions } from './applyIpv6Additions';
import { filtered } from './json';
import type { DualStackConfig } from './config/DualStackConfig';
import type { EstateIndex, VnetInfo } from './discovery/EstateIndex';
import type { Finding, Ipv6Addition, PlanStep, StepKind } from './Plan';
import type { PrefixTranslator } from './translate/PrefixTranslator';
import type { PublicIpTwin } from './steps/publicIpSteps';

export interface ResolvedNextHop {
  address: string;
  /** the step that creates the frontend carrying `address` (the hub NVA load balancer), if it's planned */
  stepId?: string;
}

export interface PoolTwin {
  id: string;
  /** the step of the load balancer holding the twin, which its members depend on */
  stepId: string;
}

/** Everything the step builders share. Built once per plan; builders add to `steps` and the findings. */
export interface PlanContext {
  config: DualStackConfig;
  index: EstateIndex;
  hub: VnetInfo;
  /** hub and spokes: the VNets this plan migrates (blocked ones included) */
  inPlay: Map<string, VnetInfo>;
  blocked: Set<string>;
  vnetPrefixes: Map<string, VnetPrefix>;
  /** subnet key -> its IPv6 /64 after the plan (existing or planned), for subnets of VNets in play */
  subnetIpv6: Map<string, string>;
  translator: PrefixTranslator;
  nextHop?: ResolvedNextHop;
  /** lower-cased IPv4 load balancer frontend id -> static IPv6 address for its twin (the NVA next hop) */
  staticFrontends: Map<string, string>;
  /** lower-cased backend pool id -> the IPv6 pool its members join (existing or planned twin) */
  poolTwins: Map<string, PoolTwin>;
  /** lower-cased IPv4 public IP id -> its IPv6 twin (existing or planned), undefined when it gets none */
  publicIpTwins: Map<string, PublicIpTwin | undefined>;
  /** VNets whose (possibly new) IPv6 block a planned route or rule points at: their blocks must be reserved */
  referencedVnets: Set<string>;
  steps: PlanStep[];
  /** VNet key -> id of the step that allocates its block from the IPAM pool (its VNet step depends on it) */
  staticCidrSteps: Map<string, string>;
  /** VNet key -> id of the step that adds IPv6 to it (every NIC, LB and sync depends on one) */
  vnetStepIds: Map<string, string>;
  /** VNet key -> [its resource id]: the vnetIds of every step of that VNet (plans are immutable) */
  vnetIdLists: Map<string, string[]>;
  /** the last step's dependencies as given and as kept: neighbouring steps (a subnet's NICs) share them */
  lastDependsOn: { given: (string | undefined)[]; id: string; kept: string[] };
  blockers: Finding[];
  warnings: Finding[];
  manualActions: Finding[];
}

/** `${kind}:` made once per kind: a step id is then one concatenation rather than two. */
const ID_PREFIX: Record<StepKind, string> = {
  virtualNetwork: 'virtualNetwork:',
  peeringSync: 'peeringSync:',
  networkInterface: 'networkInterface:',
  loadBalancer: 'loadBalancer:',
  routeTable: 'routeTable:',
  networkSecurityGroup: 'networkSecurityGroup:',
  expressRouteCircuitPeering: 'expressRouteCircuitPeering:',
  privateDnsRecordSet: 'privateDnsRecordSet:',
  publicIPAddress: 'publicIPAddress:',
  avnmRoutingRule: 'avnmRoutingRule:',
  avnmSecurityAdminRule: 'avnmSecurityAdminRule:',
  avnmCommit: 'avnmCommit:',
  ipamStaticCidr: 'ipamStaticCidr:',
};

export function stepIdOf(kind: StepKind, resourceId: string): string {
  return ID_PREFIX[kind] + keyOf(resourceId);
}

export interface StepInput {
  kind: StepKind;
  resource: ArmResource;
  /** the resource's lower-cased id when the caller has it already (saves re-keying 45,000 NICs) */
  resourceKey?: string;
  additions: Ipv6Addition[];
  dependsOn: (string | undefined)[];
  vnetKeys: string[];
  /** the migrating VNet that runs the step; undefined for resources shared by several VNets */
  ownerKey?: string;
  /** run with the shared steps even when it serves one VNet (AVNM resources belong to no VNet) */
  shared?: true;
  ipv6Prefixes: string[];
  summary: string;
}

/** Sorted, without duplicates, undefined or `except`. */
function sortedIds(ids: (string | undefined)[], except?: string): string[] {
  const list = filtered(ids, (d): d is string => d !== undefined && d !== except);
  // Array.prototype.sort sets up several hundred bytes of state even for two elements.
  if (list.length > 2) list.sort();
  else if (list.length === 2 && (list[1] ?? '') < (list[0] ?? '')) list.reverse();
  for (let i = list.length - 1; i > 0; i--) if (list[i] === list[i - 1]) list.splice(i, 1);
  return list;
}

function vnetIdList(ctx: PlanContext, key: string): string[] {
  let list = ctx.vnetIdLists.get(key);
  if (!list) ctx.vnetIdLists.set(key, (list = [ctx.index.vnets.get(key)?.resource.id ?? key]));
  return list;
}

function sameItems<T>(a: T[], b: T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** sortedIds(given, id), shared with the previous step when that had the same dependencies. */
function dependencies(ctx: PlanContext, given: (string | undefined)[], id: string): string[] {
  const last = ctx.lastDependsOn;
  if (sameItems(given, last.given) && !given.includes(id) && !given.includes(last.id)) return last.kept;
  const kept = sortedIds(given, id);
  ctx.lastDependsOn = { given, id, kept };
  return kept;
}

/** One step per changed resource: the desired body is the observed one with the additions merged in. */
export function addStep(ctx: PlanContext, input: StepInput): PlanStep {
  const key = input.resourceKey ?? keyOf(input.resource.id);
  const id = ID_PREFIX[input.kind] + key;
  const keys = input.vnetKeys.length === 1 ? input.vnetKeys : sortedIds(input.vnetKeys);
  const only = keys.length === 1 ? keys[0] : undefined;
  const vnetIds =
    only !== undefined ? vnetIdList(ctx, only) : keys.map((k) => ctx.index.vnets.get(k)?.resource.id ?? k);
  const owner = input.shared ? undefined : (input.ownerKey ?? only);
  const step: PlanStep = {
    id,
    kind: input.kind,
    resourceId: input.resource.id,
    vnetIds,
    dependsOn: dependencies(ctx, input.dependsOn, id),
    desired: applyIpv6Additions(input.resource, input.additions),
    additions: input.additions,
    ipv6Prefixes: input.ipv6Prefixes,
    summary: input.summary,
  };
  if (owner !== undefined) step.vnetId = vnetIdList(ctx, owner)[0];
  if (input.resource.etag !== undefined) step.plannedEtag = input.resource.etag;
  ctx.steps.push(step);
  if (input.kind === 'virtualNetwork') ctx.vnetStepIds.set(key, id);
  return step;
}

/** The id of the step that adds IPv6 to this VNet, if the plan has one. */
export function vnetStepId(ctx: PlanContext, vnetKey: string): string | undefined {
  return ctx.vnetStepIds.get(vnetKey);
}
