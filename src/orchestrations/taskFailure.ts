/**
 * What an orchestrator learns about a failed activity. Activities attach
 * `{ code, retryable, status }` through durable-functions' exception properties
 * provider; depending on the extension version they arrive as
 * `TaskFailedError.failureDetails.properties` or only inside the message JSON,
 * so both are read.
 */
export interface TaskFailure {
  code: string;
  message: string;
  retryable: boolean;
  status?: number;
  /** the service's Retry-After, when it gave one: back off at least this long */
  retryAfterMs?: number;
}

interface FailurePayload {
  errorMessage?: unknown;
  properties?: Record<string, unknown>;
}

function fromProperties(
  properties: Record<string, unknown> | undefined,
  message: string,
): TaskFailure | undefined {
  if (!properties || typeof properties.code !== 'string') return undefined;
  return {
    code: properties.code,
    message,
    retryable: properties.retryable === true,
    ...(typeof properties.status === 'number' ? { status: properties.status } : {}),
    ...(typeof properties.retryAfterMs === 'number' ? { retryAfterMs: properties.retryAfterMs } : {}),
  };
}

function parsePayload(text: string): FailurePayload | undefined {
  const start = text.indexOf('{');
  if (start < 0) return undefined;
  try {
    const parsed = JSON.parse(text.slice(start, text.lastIndexOf('}') + 1)) as unknown;
    return parsed && typeof parsed === 'object' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export function describeTaskFailure(error: unknown): TaskFailure {
  const details = (
    error as { failureDetails?: { errorMessage?: string; properties?: Record<string, unknown> } }
  )?.failureDetails;
  const direct = fromProperties(details?.properties, details?.errorMessage ?? String(error));
  if (direct) return direct;
  const text = error instanceof Error ? error.message : String(error);
  const payload = parsePayload(text);
  const message = typeof payload?.errorMessage === 'string' ? payload.errorMessage : text;
  // A failure that carries no classification was not thrown by our Azure layer
  // (a bug, a serialisation problem): retrying it would only repeat it.
  return (
    fromProperties(payload?.properties, message) ?? { code: 'UnclassifiedError', message, retryable: false }
  );
}
