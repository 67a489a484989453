/** What every failure of the Azure access layer is reduced to (see classifyError). */
export interface DualstackErrorInfo {
  /** The most specific service code (ARM `error.code`, LRO failure code) or one of ours, e.g. 'ConnectionDropped'. */
  code: string;
  /** Human-readable text, without the encoded payload. */
  detail: string;
  /** true: the same request may succeed later (throttling, 5xx, a lock held by another operation, a dropped connection). */
  retryable: boolean;
  /** HTTP status of the failed response; absent for connection drops and long-running-operation failures. */
  status?: number;
  resourceId?: string;
  /** Codes nested in `error.details` (e.g. ReferencedResourceNotProvisioned inside RetryableError). */
  innerCodes?: string[];
  /** How long the service asked us to wait (Retry-After), when it said: the least backoff worth taking. */
  retryAfterMs?: number;
}

const PAYLOAD_START = '{"errorMessage":';

/**
 * A classified failure. Durable Functions carries only an activity error's message (and stack)
 * to the orchestrator, so the message IS the encoding: one line of JSON,
 * `{"errorMessage": detail, "properties": {code, retryable, status, ...}}`. That is also the shape
 * src/orchestrations/taskFailure.ts reads, and `DualstackError.decode` reads it back from
 * anything that contains it (the host wraps it as `${reason} \n ${details}`).
 */
export class DualstackError extends Error {
  readonly code: string;
  readonly detail: string;
  readonly retryable: boolean;
  readonly status?: number;
  readonly resourceId?: string;
  readonly innerCodes: string[];
  readonly retryAfterMs?: number;

  constructor(info: DualstackErrorInfo) {
    super(DualstackError.encode(info));
    this.name = 'DualstackError';
    this.code = info.code;
    this.detail = info.detail;
    this.retryable = info.retryable;
    this.innerCodes = info.innerCodes ?? [];
    if (info.status !== undefined) this.status = info.status;
    if (info.resourceId !== undefined) this.resourceId = info.resourceId;
    if (info.retryAfterMs !== undefined) this.retryAfterMs = info.retryAfterMs;
    // The host appends the stack to the message it forwards. A stack that repeated the JSON (or
    // any brace) would put a second '{...}' after the payload and make the forwarded text ambiguous,
    // so its first line is the readable form, braces softened.
    const frames = (this.stack ?? '').slice((this.stack ?? '').indexOf('\n'));
    const readable = `${info.code}: ${info.detail}`
      .replace(/[{]/g, '(')
      .replace(/[}]/g, ')')
      .replace(/\n/g, ' ');
    this.stack = `DualstackError: ${readable}${frames}`;
  }

  toJSON(): DualstackErrorInfo {
    return {
      code: this.code,
      detail: this.detail,
      retryable: this.retryable,
      ...(this.status !== undefined ? { status: this.status } : {}),
      ...(this.resourceId !== undefined ? { resourceId: this.resourceId } : {}),
      ...(this.innerCodes.length ? { innerCodes: this.innerCodes } : {}),
      ...(this.retryAfterMs !== undefined ? { retryAfterMs: this.retryAfterMs } : {}),
    };
  }

  static encode(info: DualstackErrorInfo): string {
    const { detail, ...properties } = info;
    return JSON.stringify({ errorMessage: detail, properties });
  }

  /** The DualstackError encoded in `thrown` (itself, or an error/string whose text carries the payload), else undefined. */
  static decode(thrown: unknown): DualstackError | undefined {
    if (thrown instanceof DualstackError) return thrown;
    const text = thrown instanceof Error ? thrown.message : typeof thrown === 'string' ? thrown : undefined;
    if (text === undefined) return undefined;
    const start = text.indexOf(PAYLOAD_START);
    if (start < 0) return undefined;
    // JSON.stringify never emits a raw newline, so the payload ends with its line.
    const newline = text.indexOf('\n', start);
    const line = text.slice(start, newline < 0 ? undefined : newline).trimEnd();
    try {
      const parsed = JSON.parse(line) as { errorMessage?: unknown; properties?: Record<string, unknown> };
      const p = parsed.properties;
      if (!p || typeof p.code !== 'string' || typeof p.retryable !== 'boolean') return undefined;
      return new DualstackError({
        code: p.code,
        detail: typeof parsed.errorMessage === 'string' ? parsed.errorMessage : '',
        retryable: p.retryable,
        ...(typeof p.status === 'number' ? { status: p.status } : {}),
        ...(typeof p.resourceId === 'string' ? { resourceId: p.resourceId } : {}),
        ...(Array.isArray(p.innerCodes)
          ? { innerCodes: p.innerCodes.filter((c) => typeof c === 'string') }
          : {}),
        ...(typeof p.retryAfterMs === 'number' ? { retryAfterMs: p.retryAfterMs } : {}),
      });
    } catch {
      return undefined;
    }
  }
}
