import type { ArmResource } from '../../arm/ArmResource';
import { idKey, parentResourceId } from '../../arm/resourceId';
import { ipv4Differences } from '../ipv4Fingerprint';
import type { Plan, PlanStep } from '../Plan';
import { aaaaText } from '../privateDnsRecords';
import { describeRemoval } from '../rollback/removalSummary';

/** What a reader of a plan needs about one step, in words. */
export interface StepRow {
  /** 1-based position in the plan's order */
  position: number;
  step: PlanStep;
  resourceName: string;
  change: string;
  /** what the step adds (in a rollback plan: removes) */
  ipv6Added: string;
  /** '✓', '✗ <fields>' or '' when no observed network was given */
  ipv4Unchanged: string;
}

const CHANGE: Record<PlanStep['kind'], string> = {
  virtualNetwork: 'add IPv6 address space and subnet /64s',
  peeringSync: 'sync peering',
  networkInterface: 'add IPv6 ip configuration',
  loadBalancer: 'add IPv6 frontend / pool / rules',
  routeTable: 'add IPv6 routes',
  networkSecurityGroup: 'add IPv6 rules',
  expressRouteCircuitPeering: 'enable IPv6 private peering',
  privateDnsRecordSet: 'add AAAA records beside the A records',
  publicIPAddress: 'create Standard static IPv6 public IP',
  avnmRoutingRule: 'add the IPv6 twin to the AVNM routing rule collection',
  avnmSecurityAdminRule: 'add the IPv6 twin to the AVNM security admin rule collection',
  avnmCommit: 'deploy the AVNM configuration (commit)',
  ipamStaticCidr: "allocate the VNet's IPv6 block from the IPAM pool (static CIDR)",
};

const ROLLBACK_CHANGE: Record<PlanStep['kind'], string> = {
  virtualNetwork: 'remove IPv6 address space and subnet /64s; tag to stay IPv4',
  peeringSync: 'sync peering',
  networkInterface: 'remove IPv6 ip configuration',
  loadBalancer: 'remove IPv6 frontend / pool / rules',
  routeTable: 'remove IPv6 routes',
  networkSecurityGroup: 'remove IPv6 rules',
  expressRouteCircuitPeering: 'leave IPv6 private peering',
  privateDnsRecordSet: 'remove the AAAA records Dualstack added',
  publicIPAddress: 'delete IPv6 public IP',
  avnmRoutingRule: 'delete the IPv6 twin from the AVNM routing rule collection',
  avnmSecurityAdminRule: 'delete the IPv6 twin from the AVNM security admin rule collection',
  avnmCommit: 'deploy the AVNM configuration again (commit)',
  ipamStaticCidr: 'give the IPv6 block back to the IPAM pool (delete the static CIDR)',
};

function childText(value: { name: string } & Record<string, unknown>): string {
  const p = (value.properties ?? {}) as Record<string, unknown>;
  if (typeof p.addressPrefix === 'string' && typeof p.nextHopType === 'string')
    return `${p.addressPrefix} → ${typeof p.nextHopIpAddress === 'string' ? p.nextHopIpAddress : p.nextHopType}`;
  if (typeof p.priority === 'number') return `${value.name} @${p.priority}`;
  if (typeof p.privateIPAddress === 'string') return `${value.name} ${p.privateIPAddress}`;
  return value.name;
}

/** An AVNM rule twin in words: its destination and next hop, or its prefixes and priority. */
function avnmRuleText(rule: ArmResource): string | undefined {
  const p = rule.properties ?? {};
  const dest = (p.destination as Record<string, unknown> | undefined)?.destinationAddress;
  const hop = p.nextHop as Record<string, unknown> | undefined;
  if (typeof dest === 'string' && hop)
    return `${rule.name}: ${dest} → ${String(hop.nextHopAddress ?? hop.nextHopType)}`;
  const prefixes = (side: unknown) =>
    Array.isArray(side)
      ? side.map((i) => String((i as Record<string, unknown>).addressPrefix)).join(' ')
      : '*';
  if (Array.isArray(p.sources) || Array.isArray(p.destinations))
    return `${rule.name} @${typeof p.priority === 'number' ? p.priority : '?'}: ${prefixes(p.sources)} → ${prefixes(p.destinations)}`;
  return undefined;
}

function addedOf(step: PlanStep): string {
  if (step.removals)
    return step.removals
      .map(describeRemoval)
      .filter((d): d is string => d !== undefined)
      .join(', ');
  if (step.ipv6Prefixes.length > 0) return step.ipv6Prefixes.join(', ');
  return step.additions
    .map((a) => {
      switch (a.op) {
        case 'addChild':
          return childText(a.value);
        case 'appendRef':
          return a.childName;
        case 'addSubnetPrefix':
          return a.value;
        case 'addAaaaRecord':
          return aaaaText(a);
        case 'createResource':
          return avnmRuleText(a.value) ?? a.value.name;
        case 'commitAvnm':
          return `${a.commit.commitType} → ${a.commit.targetLocations.join(', ')}`;
        default:
          return a.path.join('.');
      }
    })
    .join(', ');
}

function observedFor(step: PlanStep, byKey: Map<string, ArmResource>): ArmResource | undefined {
  const direct = byKey.get(idKey(step.resourceId));
  if (direct) return direct;
  const parent = byKey.get(idKey(parentResourceId(step.resourceId)));
  for (const v of Object.values(parent?.properties ?? {}))
    if (Array.isArray(v))
      for (const c of v as ArmResource[])
        if (typeof c.id === 'string' && idKey(c.id) === idKey(step.resourceId))
          return { ...c, type: step.desired.type };
  return undefined;
}

export function describeSteps(plan: Plan, observed?: ArmResource[]): StepRow[] {
  const byKey = observed ? new Map(observed.map((r) => [idKey(r.id), r])) : undefined;
  return plan.steps.map((step, i) => {
    let ipv4Unchanged = '';
    if (byKey) {
      const before = observedFor(step, byKey);
      const diffs = before ? ipv4Differences(before, step.desired) : ['(not observed)'];
      ipv4Unchanged = diffs.length === 0 ? '✓' : `✗ ${diffs.join(', ')}`;
    }
    return {
      position: i + 1,
      step,
      resourceName: step.resourceId.split('/').slice(-1)[0] ?? step.resourceId,
      change: (plan.rollback ? ROLLBACK_CHANGE : CHANGE)[step.kind],
      ipv6Added: addedOf(step),
      ipv4Unchanged,
    };
  });
}
