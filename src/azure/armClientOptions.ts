import type { CommonClientOptions } from '@azure/core-client';
import {
  DEFAULT_MAX_INLINE_RETRY_AFTER_MS,
  DEFAULT_RETRY_OPTIONS,
  PUBLIC_ARM_ENDPOINT,
  type AzureConnection,
} from './AzureConnection';
import { deferLongRetryAfterPolicy } from './deferLongRetryAfterPolicy';
import { preconditionsOnWritesPolicy } from './preconditionsOnWritesPolicy';

export interface ArmClientOptions extends CommonClientOptions {
  endpoint: string;
  /** The generated clients build operation URLs from `$host`, not from `endpoint`: both must be set. */
  $host: string;
  credentialScopes: string[];
}

/** Client options shared by every ARM client we build (network, monitor). */
export function armClientOptions(conn: AzureConnection): ArmClientOptions {
  const endpoint = (conn.armEndpoint ?? PUBLIC_ARM_ENDPOINT).replace(/\/+$/, '');
  if (!/^https:\/\//i.test(endpoint)) {
    throw new TypeError(
      `armEndpoint: '${endpoint}' must be an https URL (bearer tokens never travel in clear text)`,
    );
  }
  return {
    endpoint,
    $host: endpoint,
    credentialScopes: [`${endpoint}/.default`],
    retryOptions: { ...DEFAULT_RETRY_OPTIONS, ...conn.retryOptions },
    ...(conn.tlsCa ? { tlsOptions: { ca: conn.tlsCa } } : {}),
    additionalPolicies: [
      { policy: preconditionsOnWritesPolicy(), position: 'perCall' },
      // perRetry: inside the retry loop, so the SDK's retry sees the response as this policy leaves it
      {
        policy: deferLongRetryAfterPolicy(conn.maxInlineRetryAfterMs ?? DEFAULT_MAX_INLINE_RETRY_AFTER_MS),
        position: 'perRetry',
      },
    ],
    userAgentOptions: { userAgentPrefix: 'dualstack' },
  };
}
