import { ArmError } from './ArmError';

/** Text from https://github.com/Azure/azure-powershell/issues/4557 (it also shows host bits being refused). */
export function securityRuleInvalidAddressPrefix(ruleId: string, prefix: string, target: string): ArmError {
  return new ArmError(400, {
    code: 'SecurityRuleInvalidAddressPrefix',
    message: `Security rule ${ruleId} has invalid Address prefix. Value provided: ${prefix}`,
    target,
  });
}

/** Text from https://github.com/hashicorp/terraform-provider-azurerm/issues/12534 (there the subject is the rule). */
export function addressPrefixesFromDifferentAddressFamilies(ruleId: string, target: string): ArmError {
  return new ArmError(400, {
    code: 'ResourceCannotContainAddressPrefixesFromDifferentAddressFamilies',
    message: `${ruleId} contains IP addresses or prefixes that belong to different address families. All IP addresses or prefixes in the resource should belong to the same address family.`,
    target,
  });
}

/**
 * Text from hashicorp/terraform-provider-azurerm#11137 (Azure/aks-engine#2106 and egen/bucc#183 show it without the
 * trailing link): the rule already there is named first, the one that collides with it second. Opposite directions
 * may share a priority.
 */
export function securityRuleConflict(
  existingRuleName: string,
  newRuleName: string,
  target: string,
): ArmError {
  return new ArmError(400, {
    code: 'SecurityRuleConflict',
    message: `Security rule ${existingRuleName} conflicts with rule ${newRuleName}. Rules cannot have the same Priority and Direction. To learn more, see aka.ms/nsgrules.`,
    target,
  });
}
