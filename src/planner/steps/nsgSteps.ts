import type { ArmResource } from '../../arm/ArmResource';
import type { Ipv6Addition } from '../Plan';
import type { PlanContext } from '../PlanContext';
import { addStep, vnetStepId } from '../PlanContext';
import type { Json } from '../json';
import { cloneJson, nameOf, objs, props, str, strs } from '../json';
import { twinName } from './loadBalancerParts';
import { addressVersion } from '../prefixes';
import { leftFailed, stepSummary } from './leftFailed';

const SECURITY_RULES = ['properties', 'securityRules'];
const MIN_PRIORITY = 100;
const MAX_PRIORITY = 4096;

const SIDES = {
  source: { many: 'sourceAddressPrefixes', one: 'sourceAddressPrefix' },
  destination: { many: 'destinationAddressPrefixes', one: 'destinationAddressPrefix' },
} as const;

/** One side of a rule, its prefixes classified once. */
interface SideView {
  prefixes: string[];
  /** the prefixes come from the plural field */
  plural: boolean;
  allIpv4: boolean;
  anyIpv4: boolean;
  anyIpv6: boolean;
}

function sideView(rp: Json, side: keyof typeof SIDES): SideView {
  const many = strs(rp[SIDES[side].many]);
  const one = str(rp[SIDES[side].one]);
  const prefixes = many.length > 0 ? many : one ? [one] : [];
  let ipv4 = 0;
  let ipv6 = 0;
  for (const p of prefixes) {
    const version = addressVersion(p);
    if (version === 'IPv4') ipv4++;
    else if (version === 'IPv6') ipv6++;
  }
  return {
    prefixes,
    plural: many.length > 0,
    allIpv4: prefixes.length > 0 && ipv4 === prefixes.length,
    anyIpv4: ipv4 > 0,
    anyIpv6: ipv6 > 0,
  };
}

interface RuleView {
  body: Json;
  rp: Json;
  priority: number;
  direction: string;
  source: SideView;
  destination: SideView;
}

function ruleView(body: Json): RuleView {
  const rp = props(body);
  return {
    body,
    rp,
    priority: Number(rp.priority),
    direction: (str(rp.direction) ?? '').toLowerCase(),
    source: sideView(rp, 'source'),
    destination: sideView(rp, 'destination'),
  };
}

export interface Slot {
  ipv4Only: boolean;
  /** for a planned twin: its original's priority */
  twinOf?: number;
}

/**
 * The twin's priority: the nearest free one above the original (then below), stepping only
 * over rules that can't match IPv6 traffic and over twins whose originals sit on the same
 * side, so the twin keeps the original's place among the rules IPv6 traffic meets.
 */
export function twinPriority(
  taken: Map<number, Slot>,
  original: number,
  min = MIN_PRIORITY,
  max = MAX_PRIORITY,
): number | undefined {
  for (const dir of [1, -1]) {
    for (let q = original + dir; q >= min && q <= max; q += dir) {
      const occupant = taken.get(q);
      if (!occupant) return q;
      const sameSide = occupant.twinOf !== undefined && (occupant.twinOf - original) * dir < 0;
      if (!occupant.ipv4Only && !sameSide) break;
    }
  }
  return undefined;
}

function directionSlots(taken: Map<string, Map<number, Slot>>, direction: string): Map<number, Slot> {
  let m = taken.get(direction);
  if (!m) taken.set(direction, (m = new Map<number, Slot>()));
  return m;
}

/**
 * Every custom rule with explicit IPv4 prefixes gets an IPv6 twin `<name>-ipv6` with translated
 * prefixes, right next to it. '*'/service-tag-only rules need none; ICMP is a manual action.
 */
export function addNsgStep(ctx: PlanContext, nsg: ArmResource, nsgKey: string, vnetKeys: string[]): void {
  const rules = objs(props(nsg).securityRules).map(ruleView);
  const names = new Set(rules.map((r) => nameOf(r.body).toLowerCase()));
  // Made when the first twin needs a priority: most NSGs of a large estate get none.
  let taken: Map<string, Map<number, Slot>> | undefined;
  const slotsOf = (direction: string) => {
    if (!taken) {
      const made = new Map<string, Map<number, Slot>>();
      taken = made;
      // A rule that lists only IPv4 prefixes on one side can never match IPv6 traffic.
      for (const r of rules)
        directionSlots(made, r.direction).set(r.priority, {
          ipv4Only: r.source.allIpv4 || r.destination.allIpv4,
        });
    }
    return directionSlots(taken, direction);
  };
  // Rules usually come in priority order; then sorting (which allocates) would change nothing.
  const inOrder = rules.every((r, i) => i === 0 || !(r.priority - (rules[i - 1]?.priority ?? 0) < 0));
  const sorted = inOrder ? rules : [...rules].sort((a, b) => a.priority - b.priority);
  const additions: Ipv6Addition[] = [];
  const added: string[] = [];
  for (const view of sorted) {
    const { body: rule, rp } = view;
    const ruleId = str(rule.id) ?? `${nsg.id}/securityRules/${nameOf(rule)}`;
    const anyIpv4 = view.source.anyIpv4 || view.destination.anyIpv4;
    if (!anyIpv4 || view.source.anyIpv6 || view.destination.anyIpv6) continue;
    const name = twinName(nameOf(rule));
    if (names.has(name.toLowerCase())) continue;
    if (str(rp.protocol)?.toLowerCase() === 'icmp') {
      ctx.manualActions.push({
        code: 'IcmpRule',
        resourceId: ruleId,
        message: `rule ${nameOf(rule)} in ${nsg.name} is ICMP; NSGs have no ICMPv6, so it gets no IPv6 twin`,
        fix: 'Decide how ICMPv6 is handled (allowed by default rules, or filtered on the NVA).',
      });
      continue;
    }
    const twin: Json = {};
    let failed: string | undefined;
    for (const side of ['source', 'destination'] as const) {
      const out: string[] = [];
      for (const entry of view[side].prefixes) {
        const t = ctx.translator.translate(entry, 'subnet');
        if (t.kind === 'fail') failed ??= t.reason;
        else if (t.kind === 'same') out.push(entry);
        else {
          if (t.broadened)
            ctx.warnings.push({
              code: 'NsgPrefixBroadened',
              resourceId: ruleId,
              message: `rule ${nameOf(rule)}: ${entry} becomes ${t.prefix} (the enclosing IPv6 block: IPv6 addresses are dynamic)`,
            });
          if (t.vnetKey) ctx.referencedVnets.add(t.vnetKey);
          if (!out.includes(t.prefix)) out.push(t.prefix);
        }
      }
      if (view[side].plural || out.length > 1) twin[SIDES[side].many] = out;
      else twin[SIDES[side].one] = out[0] ?? '*';
    }
    if (failed) {
      ctx.manualActions.push({
        code: 'NsgRuleNotTranslated',
        resourceId: ruleId,
        message: `rule ${nameOf(rule)} in ${nsg.name}: ${failed}`,
        fix: 'Add the IPv6 rule by hand, or add the prefix to onPremisesPrefixMap.',
      });
      continue;
    }
    const priority = twinPriority(slotsOf(view.direction), view.priority);
    if (priority === undefined) {
      ctx.blockers.push({
        code: 'NsgNoPriorityRoom',
        resourceId: ruleId,
        message: `no free priority next to ${String(rp.priority)} for the IPv6 twin of rule ${nameOf(rule)} in ${nsg.name}`,
        fix: 'Renumber the NSG rules to leave a gap after this rule, then plan again.',
      });
      continue;
    }
    slotsOf(view.direction).set(priority, { ipv4Only: false, twinOf: view.priority });
    const properties: Json = {};
    for (const [k, v] of Object.entries(rp))
      if (!/^(provisioningState|priority|(source|destination)AddressPrefix(es)?)$/.test(k))
        properties[k] = cloneJson(v);
    Object.assign(properties, twin, { priority });
    additions.push({ op: 'addChild', path: SECURITY_RULES, value: { name, properties } });
    added.push(`${name}@${priority}`);
  }
  if (additions.length === 0 && !leftFailed(nsg)) return;
  addStep(ctx, {
    kind: 'networkSecurityGroup',
    resource: nsg,
    resourceKey: nsgKey,
    additions,
    dependsOn: vnetKeys.map((k) => vnetStepId(ctx, k)),
    vnetKeys,
    ipv6Prefixes: [],
    summary: stepSummary(
      `NSG ${nsg.name}`,
      additions.length,
      () => `${added.length} IPv6 rule${added.length === 1 ? '' : 's'} (${added.join(', ')})`,
    ),
  });
}
