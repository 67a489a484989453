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
