import type { ArmResource } from '../../src/arm/ArmResource';
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

function securityRule(nsg: Identity, segment: string, rule: SecurityRuleSpec): ChildResource {
  // ARM GET returns a singular field with an empty plural, or only the plural. Assigned one by one
  // (no spreads, no deletes): large estates build a few hundred thousand of these.
  const { source, destination, destinationPorts } = rule;
  const p: Record<string, unknown> = {};
  if (rule.description) p.description = rule.description;
  p.protocol = rule.protocol;
  p.sourcePortRange = '*';
  if (typeof destinationPorts === 'string') p.destinationPortRange = destinationPorts;
  if (typeof source === 'string') p.sourceAddressPrefix = source;
  if (typeof destination === 'string') p.destinationAddressPrefix = destination;
  p.access = rule.access;
  p.priority = rule.priority;
  p.direction = rule.direction;
  p.sourcePortRanges = [];
  p.destinationPortRanges = typeof destinationPorts === 'string' ? [] : destinationPorts;
  p.sourceAddressPrefixes = typeof source === 'string' ? [] : source;
  p.destinationAddressPrefixes = typeof destination === 'string' ? [] : destination;
  return childResource(nsg, segment, rule.name, p);
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
