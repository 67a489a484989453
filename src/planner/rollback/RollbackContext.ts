import type { ArmResource } from '../../arm/ArmResource';
import { applyIpv6Removals } from '../applyIpv6Removals';
import type { DualStackConfig } from '../config/DualStackConfig';
import type { EstateIndex, SubnetInfo, VnetInfo } from '../discovery/EstateIndex';
import type { Finding, Ipv6Removal, PlanStep, StepKind } from '../Plan';
import { stepIdOf } from '../PlanContext';
import type { Rollback } from './chooseVnets';
import type { BlockSet } from './ownership';
import { removalSummary } from './removalSummary';

/**
 * Everything the rollback step builders share. Built once per plan, after the VNets are chosen and
 * blocked; builders add to `steps` and the findings, and leave what later builders need in the maps.
 */
export interface RollbackContext {
  config: DualStackConfig;
  index: EstateIndex;
  hub: VnetInfo;
  /** VNet key -> the /56 Dualstack holds a reservation for */
  reserved: Map<string, string>;
  /** keys of the VNets asked for that can't go back (their findings are in `blockers`) */
  blocked: Set<string>;
  /** the VNets going back, spokes before the hub: the reverse of the order they gained IPv6 in */
  rollbacks: Rollback[];
  /** the VNets asked for whose IPv6 Dualstack did not add */
  unowned: VnetInfo[];
  /** the /56s of `rollbacks` */
  removedBlocks: BlockSet;
  /** keys of the subnets that lose their IPv6 */
  strippedSubnets: Set<string>;
  /** ipConfigKey of every NIC ip configuration that goes */
  removedConfigs: Set<string>;
  /** canonical next-hop address -> route table steps that stop using it */
  hopUsers: Map<string, string[]>;
  /** NIC key -> the step that removes its ip configurations */
  nicSteps: Map<string, string>;
  /** subnet key -> NIC and load balancer steps that take IPv6 out of it (its VNet's step waits for them) */
  stepsInSubnet: Map<string, string[]>;
  /** VNet key -> the step that takes its IPv6 out */
  vnetSteps: Map<string, string>;
  steps: PlanStep[];
  blockers: Finding[];
  warnings: Finding[];
  manualActions: Finding[];
}

export interface RemovalStepInput {
  kind: StepKind;
  resource: ArmResource;
  removals: Ipv6Removal[];
  dependsOn: (string | undefined)[];
  vnetIds: string[];
  ipv6Prefixes: string[];
  /** the line for humans, when removalSummary's doesn't say it */
  summary?: string;
  /** the step id's key when it isn't the resource's (an AVNM commit: one per manager and kind) */
  resourceKey?: string;
  /** run with the shared steps even when it serves one VNet */
  shared?: true;
}

/** One step per changed resource: the desired body is the observed one with the removals applied. */
export function addRemovalStep(ctx: RollbackContext, input: RemovalStepInput): PlanStep {
  const { kind, resource, removals, vnetIds } = input;
  const id = input.resourceKey !== undefined ? `${kind}:${input.resourceKey}` : stepIdOf(kind, resource.id);
  const deps = [...new Set(input.dependsOn.filter((d): d is string => d !== undefined && d !== id))].sort();
  const step: PlanStep = {
    id,
    kind,
    resourceId: resource.id,
    vnetIds,
    dependsOn: deps,
    desired: applyIpv6Removals(resource, removals),
    additions: [],
    removals,
    ipv6Prefixes: input.ipv6Prefixes,
    summary: input.summary ?? removalSummary(kind, resource.name, removals),
  };
  if (vnetIds.length === 1 && !input.shared) step.vnetId = vnetIds[0];
  if (resource.etag !== undefined) step.plannedEtag = resource.etag;
  ctx.steps.push(step);
  return step;
}

/** The ids of the VNets holding `subnets`, sorted by key, each once. */
export function vnetIdsOf(ctx: RollbackContext, subnets: SubnetInfo[]): string[] {
  return [...new Set(subnets.map((s) => s.vnetKey))]
    .sort()
    .map((k) => ctx.index.vnets.get(k)?.resource.id ?? k);
}

/** True when a subnet has IPv6 that this rollback leaves in place. */
export function keepsIpv6(ctx: RollbackContext, s: SubnetInfo): boolean {
  return s.ipv6.length > 0 && !ctx.strippedSubnets.has(s.key);
}

/** The key of a NIC's ip configuration in `removedConfigs`. */
export function ipConfigKey(nicKey: string, configName: string): string {
  return `${nicKey}/ipconfigurations/${configName.toLowerCase()}`;
}

/** Records that `stepId` takes IPv6 out of the subnet, so the subnet's VNet step waits for it. */
export function addStepInSubnet(ctx: RollbackContext, subnetKey: string, stepId: string): void {
  pushTo(ctx.stepsInSubnet, subnetKey, stepId);
}

/** Appends to the list under `key` (pushing: a spread per item is quadratic on a shared list). */
export function pushTo<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
