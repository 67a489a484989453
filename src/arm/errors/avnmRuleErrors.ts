import { ArmError } from './ArmError';

// AVNM routing and security admin rules (2025-05-01). No public trace gives AVNM's codes for these
// refusals: the codes are ours, the rules behind them are in emulator/validation/RULES.md (AVNM section).

/** A rule field outside what the spec allows (required, enum, range). */
export function invalidAvnmRule(field: string, message: string): ArmError {
  return new ArmError(400, {
    code: 'InvalidNetworkManagerRule',
    message: `${field}: ${message}`,
    target: field,
  });
}

/** Two security admin rules of one collection at one priority (AdminRule.priority: unique in the collection). */
export function adminRulePriorityConflict(
  ruleId: string,
  otherId: string,
  priority: number,
  field: string,
): ArmError {
  return new ArmError(400, {
    code: 'AdminRulePriorityConflict',
    message: `Security admin rule ${ruleId} has priority ${priority}, which rule ${otherId} of the same rule collection already has.`,
    target: field,
  });
}
