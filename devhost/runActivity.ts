import { InvocationContext } from '@azure/functions';
import type { FunctionHandler } from './functionRegistry';
import type { WireFailureDetails } from './historyEvents';
import { fromWireJson, toWireJson } from './historyEvents';

export type ActivityOutcome =
  | { readonly kind: 'completed'; readonly result: string }
  | {
      readonly kind: 'failed';
      readonly reason: string;
      readonly details: string;
      readonly failure: WireFailureDetails;
    };

interface SerializedFailure {
  errorType?: unknown;
  errorMessage?: unknown;
  stackTrace?: unknown;
  isNonRetriable?: unknown;
  properties?: unknown;
}

/**
 * durable-functions' activity wrapper replaces the message of a thrown error with a JSON FailureDetails document
 * when an exception-properties provider is registered; the extension unpacks it. Do the same.
 */
function failureDetailsOf(error: unknown): WireFailureDetails {
  const err = error instanceof Error ? error : new Error(String(error));
  try {
    const parsed = JSON.parse(err.message) as SerializedFailure;
    if (typeof parsed.errorType === 'string' && typeof parsed.errorMessage === 'string') {
      return {
        ErrorType: parsed.errorType,
        ErrorMessage: parsed.errorMessage,
        StackTrace: typeof parsed.stackTrace === 'string' ? parsed.stackTrace : err.stack,
        IsNonRetriable: parsed.isNonRetriable === true,
        Properties:
          parsed.properties !== null && typeof parsed.properties === 'object'
            ? (parsed.properties as Record<string, unknown>)
            : undefined,
      };
    }
  } catch {
    // a plain message
  }
  return {
    ErrorType: err.name || 'Error',
    ErrorMessage: err.message,
    StackTrace: err.stack,
    IsNonRetriable: false,
  };
}

export function failedOutcome(name: string, error: unknown): ActivityOutcome {
  const failure = failureDetailsOf(error);
  return {
    kind: 'failed',
    reason: `Activity function '${name}' failed: ${failure.ErrorMessage}`,
    details: failure.StackTrace ?? '',
    failure,
  };
}

/** Runs a registered activity function with its input deserialised from the TaskScheduled event, as the worker does. */
export async function runActivity(
  name: string,
  handler: FunctionHandler,
  inputText: string | undefined,
  invocationId: string,
  logHandler: (level: string, ...args: unknown[]) => void,
): Promise<ActivityOutcome> {
  const context = new InvocationContext({ functionName: name, invocationId, logHandler });
  try {
    const result = await handler(fromWireJson(inputText), context);
    return { kind: 'completed', result: toWireJson(result) };
  } catch (error) {
    return failedOutcome(name, error);
  }
}
