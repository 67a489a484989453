import { getRegistration, getRegistrations } from '@azure/functions-core';
import type { CoreBindingInfo, CoreRegistration } from '@azure/functions-core';

export type FunctionHandler = (triggerInput: unknown, context: unknown) => unknown;

/** A function the app registered through `@azure/functions` (directly or via `df.app.*`). */
export interface RegisteredFunction {
  readonly name: string;
  /** `orchestrationTrigger`, `activityTrigger`, `entityTrigger`, `httpTrigger`, ... */
  readonly triggerType: string;
  readonly trigger: CoreBindingInfo;
  /** Every binding of the function (trigger, extra inputs and outputs, return), as registered. */
  readonly bindings: Readonly<Record<string, CoreBindingInfo>>;
  readonly handler: FunctionHandler;
}

function triggerOf(registration: CoreRegistration): CoreBindingInfo | undefined {
  return Object.values(registration.metadata.bindings).find((b) => b.type.toLowerCase().endsWith('trigger'));
}

function toRegisteredFunction(registration: CoreRegistration): RegisteredFunction | undefined {
  const trigger = triggerOf(registration);
  return trigger === undefined
    ? undefined
    : {
        name: registration.metadata.name,
        triggerType: trigger.type,
        trigger,
        bindings: registration.metadata.bindings,
        handler: registration.callback,
      };
}

/** Every function registered so far in this module graph. */
export function listRegisteredFunctions(): RegisteredFunction[] {
  return getRegistrations()
    .map(toRegisteredFunction)
    .filter((f): f is RegisteredFunction => f !== undefined);
}

/** The function named `name` (case-insensitive, like the Functions host) with the given trigger type. */
export function findRegisteredFunction(name: string, triggerType: string): RegisteredFunction | undefined {
  const registration = getRegistration(name);
  const fn = registration === undefined ? undefined : toRegisteredFunction(registration);
  return fn?.triggerType === triggerType ? fn : undefined;
}
