import operatorRole from './dualstack-operator.actions.json';

/** The Dualstack Operator role's actions, exactly as infra/main.bicep deploys them. */
export const DUALSTACK_OPERATOR_ACTIONS: readonly string[] = Object.freeze([...operatorRole.actions]);

/**
 * Emulator RBAC (EmulatorOptions.rbac) that grants `principalId` exactly the Dualstack
 * Operator role, optionally without one action (to prove that action is needed).
 */
export function operatorRbac(principalId: string, withoutAction?: string): Record<string, string[]> {
  if (withoutAction !== undefined && !DUALSTACK_OPERATOR_ACTIONS.includes(withoutAction)) {
    throw new RangeError(`withoutAction: '${withoutAction}' is not an action of the Dualstack Operator role`);
  }
  return { [principalId]: DUALSTACK_OPERATOR_ACTIONS.filter((a) => a !== withoutAction) };
}
