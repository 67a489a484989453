import type { ArmResource } from '../../arm/ArmResource';
import type { Ipv6Addition } from '../Plan';
import type { PlanContext } from '../PlanContext';
import { addStep, vnetStepId } from '../PlanContext';
import type { Json } from '../json';
import { cloneJson, nameOf, objs, props, str, strs } from '../json';
import { twinName } from './loadBalancerParts';
import { addressVersion } from '../prefixes';

const MIN_PRIORITY = 100;
const MAX_PRIORITY = 4096;

function prefixesOf(rp: Json, side: 'source' | 'destination'): string[] {
  const many = strs(rp[`${side}AddressPrefixes`]);
  if (many.length > 0) return many;
  const one = str(rp[`${side}AddressPrefix`]);
  return one ? [one] : [];
}

/** A rule that lists only IPv4 prefixes on one side can never match IPv6 traffic. */
function ipv4Only(rp: Json): boolean {
  return (['source', 'destination'] as const).some((side) => {
    const list = prefixesOf(rp, side);
    return list.length > 0 && list.every((e) => addressVersion(e) === 'IPv4');
  });
}

interface Slot {
  ipv4Only: boolean;
  /** for a planned twin: its original's priority */
  twinOf?: number;
}

/**
 * The twin's priority: the nearest free one above the original (then below), stepping only
 * over rules that can't match IPv6 traffic and over twins whose originals sit on the same
 * side, so the twin keeps the original's place among the rules IPv6 traffic meets.
 */
function twinPriority(taken: Map<number, Slot>, original: number): number | undefined {
  for (const dir of [1, -1]) {
    for (let q = original + dir; q >= MIN_PRIORITY && q <= MAX_PRIORITY; q += dir) {
      const occupant = taken.get(q);
      if (!occupant) return q;
      const sameSide = occupant.twinOf !== undefined && (occupant.twinOf - original) * dir < 0;
      if (!occupant.ipv4Only && !sameSide) break;
    }
  }
  return undefined;
}

/**
 * Every custom rule with explicit IPv4 prefixes gets an IPv6 twin `<name>-ipv6` with translated
 * prefixes, right next to it. '*'/service-tag-only rules need none; ICMP is a manual action.
 */
export function addNsgStep(ctx: PlanContext, nsg: ArmResource, vnetKeys: string[]): void {
  const rules = objs(props(nsg).securityRules);
  const names = new Set(rules.map((r) => nameOf(r).toLowerCase()));
  const taken = new Map<string, Map<number, Slot>>();
  const slotsOf = (direction: string) => {
    let m = taken.get(direction);
    if (!m) taken.set(direction, (m = new Map<number, Slot>()));
    return m;
  };
  for (const r of rules) {
    const rp = props(r);
    slotsOf((str(rp.direction) ?? '').toLowerCase()).set(Number(rp.priority), { ipv4Only: ipv4Only(rp) });
  }
  const sorted = [...rules].sort((a, b) => Number(props(a).priority) - Number(props(b).priority));
  const additions: Ipv6Addition[] = [];
  const added: string[] = [];
  for (const rule of sorted) {
    const rp = props(rule);
    const ruleId = str(rule.id) ?? `${nsg.id}/securityRules/${nameOf(rule)}`;
    const sides = { source: prefixesOf(rp, 'source'), destination: prefixesOf(rp, 'destination') };
    let hasIpv4 = false;
    let hasIpv6 = false;
    for (const e of [...sides.source, ...sides.destination]) {
      const version = addressVersion(e);
      hasIpv4 ||= version === 'IPv4';
      hasIpv6 ||= version === 'IPv6';
    }
    if (!hasIpv4 || hasIpv6) continue;
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
      for (const entry of sides[side]) {
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
      const plural =
        Array.isArray(rp[`${side}AddressPrefixes`]) && strs(rp[`${side}AddressPrefixes`]).length > 0;
      if (plural || out.length > 1) twin[`${side}AddressPrefixes`] = out;
      else twin[`${side}AddressPrefix`] = out[0] ?? '*';
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
    const direction = (str(rp.direction) ?? '').toLowerCase();
    const priority = twinPriority(slotsOf(direction), Number(rp.priority));
    if (priority === undefined) {
      ctx.blockers.push({
        code: 'NsgNoPriorityRoom',
        resourceId: ruleId,
        message: `no free priority next to ${String(rp.priority)} for the IPv6 twin of rule ${nameOf(rule)} in ${nsg.name}`,
        fix: 'Renumber the NSG rules to leave a gap after this rule, then plan again.',
      });
      continue;
    }
    slotsOf(direction).set(priority, { ipv4Only: false, twinOf: Number(rp.priority) });
    const properties: Json = {};
    for (const [k, v] of Object.entries(rp))
      if (!/^(provisioningState|priority|(source|destination)AddressPrefix(es)?)$/.test(k))
        properties[k] = cloneJson(v);
    Object.assign(properties, twin, { priority });
    additions.push({ op: 'addChild', path: ['properties', 'securityRules'], value: { name, properties } });
    added.push(`${name}@${priority}`);
  }
  if (additions.length === 0) return;
  addStep(ctx, {
    kind: 'networkSecurityGroup',
    resource: nsg,
    additions,
    dependsOn: vnetKeys.map((k) => vnetStepId(ctx, k)),
    vnetKeys,
    ipv6Prefixes: [],
    summary: `NSG ${nsg.name}: ${added.length} IPv6 rule${added.length === 1 ? '' : 's'} (${added.join(', ')})`,
  });
}
