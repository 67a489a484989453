import type { TokenCredential } from '@azure/core-auth';
import type { PipelineRetryOptions } from '@azure/core-rest-pipeline';

/**
 * Everything needed to build ARM clients, in one object. In Azure only `credential` is set
 * (see azureCredential); against the emulator `armEndpoint` and `tlsCa` point at it and the
 * credential is the emulator's static one.
 */
export interface AzureConnection {
  credential: TokenCredential;
  /** Default https://management.azure.com; the emulator's https://127.0.0.1:<port>. */
  armEndpoint?: string;
  /** PEM of an extra CA to trust (the emulator's self-signed certificate). Certificates are always checked. */
  tlsCa?: string;
  /** Overrides DEFAULT_RETRY_OPTIONS (tests set maxRetries: 0 to see a fault as it is). */
  retryOptions?: PipelineRetryOptions;
  /** Longest Retry-After the SDK may sleep through inside an activity (default DEFAULT_MAX_INLINE_RETRY_AFTER_MS). */
  maxInlineRetryAfterMs?: number;
}

/**
 * The SDK retries 429/5xx/dropped connections itself (honouring Retry-After). We keep that to
 * two quick retries: enough to ride over a blip without failing an activity, short enough that
 * an activity never sits out a long outage. Longer waits belong to the orchestration, which
 * retries classified-retryable failures with backoff on durable timers: they cost nothing while
 * they wait, survive a host restart, and re-read the resource before writing again.
 */
export const DEFAULT_RETRY_OPTIONS: Readonly<PipelineRetryOptions> = {
  maxRetries: 2,
  retryDelayInMs: 500,
  maxRetryDelayInMs: 8000,
};

/** See deferLongRetryAfterPolicy: longer waits go back to the orchestration. */
export const DEFAULT_MAX_INLINE_RETRY_AFTER_MS = 5000;

export const PUBLIC_ARM_ENDPOINT = 'https://management.azure.com';
