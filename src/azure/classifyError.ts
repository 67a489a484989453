import { parseResourceId } from '../arm/resourceId';
import { retryAfterMsOf } from './deferLongRetryAfterPolicy';
import { DualstackError } from './DualstackError';

/**
 * Codes that mean "the request was fine, the moment was not": ARM's lock and throttling codes
 * (rulebook §10), the generic transient ones, and NRP's superseded-operation outcome.
 */
const RETRYABLE_CODES = new Set(
  [
    'AnotherOperationInProgress',
    'RetryableError',
    'RetryableErrorDueToAnotherOperation',
    'ReferencedResourceNotProvisioned',
    'CanceledAndSupersededDueToAnotherOperation',
    'OperationPreempted',
    'OperationCanceled',
    'TooManyRequests',
    'SubscriptionRequestsThrottled',
    'ServerBusy',
    'InternalServerError',
    'ServiceUnavailable',
    'GatewayTimeout',
    'RequestTimeout',
    'OperationTimedOut',
  ].map((c) => c.toLowerCase()),
);

/** Node/undici socket codes for a connection that dropped or never came up: the request may not have arrived. */
const CONNECTION_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'REQUEST_SEND_ERROR',
]);
const CONNECTION_MESSAGE_RE =
  /socket hang up|ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|other side closed|premature close/i;

/** What @azure/core-lro throws when the operation status ends Failed: the code survives only inside the text. */
const LRO_FAILED_RE = /^The long-running operation has failed\.?\s*(?:([^\s.]+)\.\s*)?([\s\S]*)$/;

export interface ClassifyContext {
  /** The resource the failed call was about; wins over what the error itself reveals. */
  resourceId?: string;
}

interface ErrorBody {
  code?: unknown;
  message?: unknown;
  target?: unknown;
  details?: unknown;
}

function isRetryableStatus(status: number | undefined): boolean {
  return (
    status === 408 ||
    status === 429 ||
    (status !== undefined && status >= 500 && status !== 501 && status !== 505)
  );
}

function isRetryableCode(code: string): boolean {
  return RETRYABLE_CODES.has(code.toLowerCase());
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

/** The ARM `{error:{...}}` envelope (or Table storage's `odata.error`) from an error response's text. */
function errorBodyOf(bodyText: unknown): ErrorBody | undefined {
  if (typeof bodyText !== 'string' || !bodyText.trimStart().startsWith('{')) return undefined;
  try {
    const parsed = JSON.parse(bodyText) as Record<string, unknown>;
    const body = (parsed.error ?? parsed['odata.error'] ?? parsed) as ErrorBody & { message?: unknown };
    if (typeof body !== 'object' || body === null) return undefined;
    // Table storage nests the text: { message: { lang, value } }.
    const msg = body.message as { value?: unknown } | undefined;
    return typeof msg === 'object' && msg !== null ? { ...body, message: msg.value } : body;
  } catch {
    return undefined;
  }
}

function innerDetails(body: ErrorBody | undefined): { code: string; message: string }[] {
  if (!body || !Array.isArray(body.details)) return [];
  return body.details.flatMap((d: ErrorBody) => {
    const code = str(d?.code);
    return code ? [{ code, message: str(d.message) ?? '' }, ...innerDetails(d)] : innerDetails(d);
  });
}

/** The resource a request URL addresses, when it addresses one (operation-status URLs don't). */
function resourceIdOfUrl(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  try {
    const path = decodeURIComponent(new URL(url).pathname);
    return parseResourceId(path) ? path.replace(/\/+$/, '') : undefined;
  } catch {
    return undefined;
  }
}

interface RestErrorLike {
  name: string;
  message: string;
  code?: string;
  statusCode?: number;
  request?: { url?: string };
  response?: { bodyAsText?: string | null; headers?: { get(name: string): string | undefined } };
}

function isRestErrorLike(e: unknown): e is RestErrorLike {
  return (
    e instanceof Error && (e.name === 'RestError' || typeof (e as RestErrorLike).statusCode === 'number')
  );
}

function fromRestError(e: RestErrorLike, ctx: ClassifyContext): DualstackError {
  const body = errorBodyOf(e.response?.bodyAsText);
  const inner = innerDetails(body);
  const status = e.statusCode;
  const causeCode = str((e as { cause?: { code?: unknown } }).cause?.code);
  const connectionDrop =
    status === undefined &&
    (CONNECTION_CODES.has(e.code ?? '') ||
      CONNECTION_CODES.has(causeCode ?? '') ||
      CONNECTION_MESSAGE_RE.test(e.message));
  const code =
    str(body?.code) ?? str(e.code) ?? (connectionDrop ? 'ConnectionDropped' : `Http${status ?? 'Error'}`);
  const text = str(body?.message) ?? e.message;
  const detail = inner.length ? `${text} (${inner.map((d) => `${d.code}: ${d.message}`).join('; ')})` : text;
  const resourceId = ctx.resourceId ?? resourceIdOfUrl(e.request?.url) ?? str(body?.target);
  const retryAfterMs = e.response?.headers ? retryAfterMsOf(e.response.headers) : undefined;
  return new DualstackError({
    code: connectionDrop ? 'ConnectionDropped' : code,
    detail,
    retryable:
      connectionDrop ||
      isRetryableStatus(status) ||
      [code, ...inner.map((d) => d.code)].some(isRetryableCode),
    ...(status !== undefined ? { status } : {}),
    ...(resourceId ? { resourceId } : {}),
    ...(inner.length ? { innerCodes: inner.map((d) => d.code) } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });
}

function withResource(err: DualstackError, resourceId: string | undefined): DualstackError {
  if (!resourceId || err.resourceId) return err;
  return new DualstackError({ ...err.toJSON(), resourceId });
}

/**
 * The one place that turns anything thrown by the SDKs, the network or our own code into a
 * DualstackError. Activities throw what this returns; orchestrations retry `retryable` ones with
 * backoff and stop on the rest. 412 PreconditionFailed is terminal here: the apply activity
 * answers it by re-reading the resource, not by repeating the same request.
 */
export function classifyError(thrown: unknown, ctx: ClassifyContext = {}): DualstackError {
  const decoded = DualstackError.decode(thrown);
  if (decoded) return withResource(decoded, ctx.resourceId);
  const resource = ctx.resourceId ? { resourceId: ctx.resourceId } : {};

  if (isRestErrorLike(thrown)) return fromRestError(thrown, ctx);

  if (thrown instanceof Error) {
    if (thrown.name === 'AbortError') {
      // Our own signal (activity timeout, host shutdown) cut the call short; the request was
      // sound and every write we make is an idempotent PUT, so a later attempt may finish it.
      return new DualstackError({ code: 'Aborted', detail: thrown.message, retryable: true, ...resource });
    }
    const lro = LRO_FAILED_RE.exec(thrown.message);
    if (lro) {
      const code = lro[1] && lro[1] !== 'undefined' ? lro[1] : 'OperationFailed';
      return new DualstackError({
        code,
        detail: lro[2] || thrown.message,
        retryable: isRetryableCode(code),
        ...resource,
      });
    }
    if (/^Operation was canceled/i.test(thrown.message)) {
      return new DualstackError({
        code: 'OperationCanceled',
        detail: thrown.message,
        retryable: true,
        ...resource,
      });
    }
    const sysCode = str((thrown as { code?: unknown }).code);
    if ((sysCode && CONNECTION_CODES.has(sysCode)) || CONNECTION_MESSAGE_RE.test(thrown.message)) {
      return new DualstackError({
        code: 'ConnectionDropped',
        detail: thrown.message,
        retryable: true,
        ...resource,
      });
    }
    if (thrown.name === 'CredentialUnavailableError' || thrown.name === 'AuthenticationRequiredError') {
      return new DualstackError({
        code: 'CredentialUnavailable',
        detail: thrown.message,
        retryable: false,
        ...resource,
      });
    }
    if (thrown instanceof TypeError || thrown instanceof RangeError) {
      return new DualstackError({
        code: 'InvalidInput',
        detail: thrown.message,
        retryable: false,
        ...resource,
      });
    }
    // Unknown throws are bugs until shown otherwise: repeating them only repeats them.
    return new DualstackError({
      code: sysCode ?? 'UnclassifiedError',
      detail: thrown.message,
      retryable: false,
      ...resource,
    });
  }
  return new DualstackError({
    code: 'UnclassifiedError',
    detail: String(thrown),
    retryable: false,
    ...resource,
  });
}
