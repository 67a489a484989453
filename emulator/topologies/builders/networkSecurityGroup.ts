import type { ArmResource } from '../../../src/arm/ArmResource';
import type { BuildContext } from './BuildContext';
import type { ChildResource, Identity } from './armEnvelope';
import { armResource, childResource, identity } from './armEnvelope';
import { azureDefaultRules } from '../securityRuleSets';

export interface SecurityRuleSpec {
  name: string;
  priority: number;
  direction: 'Inbound' | 'Outbound';
  access: 'Allow' | 'Deny';
  protocol: 'Tcp' | 'Udp' | 'Icmp' | 'Esp' | 'Ah' | '*';
  /** A single prefix/tag, or several prefixes (ARM's `...AddressPrefixes`). */
  source: string | string[];
  destination: string | string[];
  destinationPorts: string | string[];
  description?: string;
}

/** ARM GET returns the singular field with an empty plural, or only the plural. */
function prefixFields(side: 'source' | 'destination', value: string | string[]): Record<string, unknown> {
  return typeof value === 'string'
    ? { [`${side}AddressPrefix`]: value, [`${side}AddressPrefixes`]: [] }
    : { [`${side}AddressPrefixes`]: value };
}

function securityRule(nsg: Identity, segment: string, rule: SecurityRuleSpec): ChildResource {
  return childResource(nsg, segment, rule.name, {
    ...(rule.description ? { description: rule.description } : {}),
    protocol: rule.protocol,
    sourcePortRange: '*',
    ...(typeof rule.destinationPorts === 'string'
      ? { destinationPortRange: rule.destinationPorts, destinationPortRanges: [] }
      : { destinationPortRanges: rule.destinationPorts }),
    ...prefixFields('source', rule.source),
    ...prefixFields('destination', rule.destination),
    access: rule.access,
    priority: rule.priority,
    direction: rule.direction,
    sourcePortRanges: [],
  });
}

/** The six rules Azure adds to every NSG. */
const DEFAULT_RULES = azureDefaultRules();

export function networkSecurityGroup(
  ctx: BuildContext,
  resourceGroup: string,
  name: string,
  rules: SecurityRuleSpec[],
  options: { defaultRules: boolean },
): ArmResource {
  const who = identity(ctx, resourceGroup, 'networkSecurityGroups', name);
  return armResource(ctx, who, {
    securityRules: rules.map((rule) => securityRule(who, 'securityRules', rule)),
    ...(options.defaultRules
      ? { defaultSecurityRules: DEFAULT_RULES.map((rule) => securityRule(who, 'defaultSecurityRules', rule)) }
      : {}),
  });
}
