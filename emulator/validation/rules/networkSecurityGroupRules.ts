import { isCanonical, parseCidr, parseIp, type IpVersion } from '../../../src/arm/cidr';
import type { ArmError } from '../../../src/arm/errors/ArmError';
import {
  addressPrefixesFromDifferentAddressFamilies,
  securityRuleInvalidAddressPrefix,
} from '../../../src/arm/errors/networkSecurityGroupErrors';
import type { WriteContext } from '../WriteContext';
import { arrayOf, childId, propertiesOf, stringOf } from './armShape';
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
  return undefined;
}
