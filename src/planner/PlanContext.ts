import type { ArmResource } from '../arm/ArmResource';
import { keyOf } from './ids';
import type { VnetPrefix } from './addressPlan/planVnetPrefixes';
import { applyIpv6Additions } from './applyIpv6Additions';
import type { DualStackConfig } from './config/DualStackConfig';
import type { EstateIndex, VnetInfo } from './discovery/EstateIndex';
import type { Finding, Ipv6Addition, PlanStep, StepKind } from './Plan';
import type { PrefixTranslator } from './translate/PrefixTranslator';

export interface ResolvedNextHop {
  address: string;
  /** the step that creates the frontend carrying `address` (the hub NVA load balancer), if it's planned */
  stepId?: string;
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
  /** lower-cased backend pool id -> the IPv6 pool id its members join (existing or planned twin) */
  poolTwins: Map<string, string>;
  /** VNets whose (possibly new) IPv6 block a planned route or rule points at: their blocks must be reserved */
  referencedVnets: Set<string>;
  steps: PlanStep[];
  stepIndex: Map<string, PlanStep>;
  blockers: Finding[];
  warnings: Finding[];
  manualActions: Finding[];
}

export function stepIdOf(kind: StepKind, resourceId: string): string {
  return `${kind}:${keyOf(resourceId)}`;
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
  ipv6Prefixes: string[];
  summary: string;
}

/** One step per changed resource: the desired body is the observed one with the additions merged in. */
export function addStep(ctx: PlanContext, input: StepInput): PlanStep {
  const id = `${input.kind}:${input.resourceKey ?? keyOf(input.resource.id)}`;
  const keys = input.vnetKeys.length === 1 ? input.vnetKeys : [...new Set(input.vnetKeys)].sort();
  const vnetIds = keys.map((k) => ctx.index.vnets.get(k)?.resource.id ?? k);
  const owner =
    input.ownerKey ??
    (input.vnetKeys.length > 0 && new Set(input.vnetKeys).size === 1 ? input.vnetKeys[0] : undefined);
  const step: PlanStep = {
    id,
    kind: input.kind,
    resourceId: input.resource.id,
    vnetIds,
    dependsOn: [...new Set(input.dependsOn.filter((d): d is string => d !== undefined && d !== id))].sort(),
    desired: applyIpv6Additions(input.resource, input.additions),
    additions: input.additions,
    ipv6Prefixes: input.ipv6Prefixes,
    summary: input.summary,
  };
  if (owner !== undefined) step.vnetId = ctx.index.vnets.get(owner)?.resource.id ?? owner;
  if (input.resource.etag !== undefined) step.plannedEtag = input.resource.etag;
  ctx.steps.push(step);
  ctx.stepIndex.set(id, step);
  return step;
}

/** The id of the step that adds IPv6 to this VNet, if the plan has one. */
export function vnetStepId(ctx: PlanContext, vnetKey: string): string | undefined {
  const id = `virtualNetwork:${vnetKey}`;
  return ctx.stepIndex.has(id) ? id : undefined;
}
