import { isCanonical, parseCidr, parseIp, type IpVersion } from '../../../src/arm/cidr';
import type { ArmError } from '../../../src/arm/errors/ArmError';
import {
  addressPrefixesFromDifferentAddressFamilies,
  securityRuleConflict,
  securityRuleInvalidAddressPrefix,
} from '../../../src/arm/errors/networkSecurityGroupErrors';
import type { WriteContext } from '../WriteContext';
import { arrayOf, childId, nameOf, propertiesOf, stringOf } from './armShape';
import { looksLikeAddress } from './prefixOrError';

const PREFIX_FIELDS = [
  'sourceAddressPrefix',
  'sourceAddressPrefixes',
  'destinationAddressPrefix',
  'destinationAddressPrefixes',
] as const;

function addressVersion(text: string): IpVersion | undefined {
  if (!text.includes('/')) return parseIp(text)?.version;
  const cidr = parseCidr(text);
  return cidr && isCanonical(cidr) ? cidr.version : undefined;
}

/** `priority/direction` of a rule, e.g. '200/inbound'; undefined without a numeric priority (the schema reports it). */
function slotOf(rule: unknown): string | undefined {
  const props = propertiesOf(rule);
  const priority = props.priority;
  if (typeof priority !== 'number') return undefined;
  return `${priority}/${(stringOf(props.direction) ?? '').toLowerCase()}`;
}

/**
 * Rulebook, NSG priorities: two rules of one direction can't share a priority. Azure names the rule that was
 * already there first, so a rule the write leaves as it was (same name and slot) goes first in the message.
 */
function priorityConflict(ctx: WriteContext, rules: unknown[]): ArmError | undefined {
  const settled = new Set(
    arrayOf(propertiesOf(ctx.existing).securityRules).map(
      (r) => `${nameOf(r, '').toLowerCase()}@${slotOf(r) ?? ''}`,
    ),
  );
  const isSettled = (rule: unknown): boolean =>
    settled.has(`${nameOf(rule, '').toLowerCase()}@${slotOf(rule) ?? ''}`);
  const firstBySlot = new Map<string, number>();
  for (let i = 0; i < rules.length; i++) {
    const slot = slotOf(rules[i]);
    if (slot === undefined) continue;
    const j = firstBySlot.get(slot);
    if (j === undefined) {
      firstBySlot.set(slot, i);
      continue;
    }
    const [older, newer] = isSettled(rules[i]) && !isSettled(rules[j]) ? [i, j] : [j, i];
    return securityRuleConflict(
      nameOf(rules[older], String(older)),
      nameOf(rules[newer], String(newer)),
      `properties.securityRules[${newer}].properties.priority`,
    );
  }
  return undefined;
}

/** Rulebook §6: one rule can't mix IPv4 and IPv6 prefixes; service tags and '*' go with either. */
export function validateNetworkSecurityGroup(ctx: WriteContext): ArmError | undefined {
  const rules = arrayOf(propertiesOf(ctx.resource).securityRules);
  for (let i = 0; i < rules.length; i++) {
    const props = propertiesOf(rules[i]);
    const ruleId = childId(ctx.resource.id, 'securityRules', rules[i], i);
    const seen = new Set<IpVersion>();
    for (const field of PREFIX_FIELDS) {
      const value = props[field];
      const entries = Array.isArray(value)
        ? value.map((v, j) => [v, `${field}[${j}]`] as const)
        : [[value, field] as const];
      for (const [entry, path] of entries) {
        const text = stringOf(entry);
        if (!text || !looksLikeAddress(text)) continue;
        const version = addressVersion(text);
        if (!version)
          return securityRuleInvalidAddressPrefix(
            ruleId,
            text,
            `properties.securityRules[${i}].properties.${path}`,
          );
        seen.add(version);
      }
    }
    if (seen.size > 1)
      return addressPrefixesFromDifferentAddressFamilies(ruleId, `properties.securityRules[${i}].properties`);
  }
  return priorityConflict(ctx, rules);
}
