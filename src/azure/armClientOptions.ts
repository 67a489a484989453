import type { CommonClientOptions } from '@azure/core-client';
import { DEFAULT_RETRY_OPTIONS, PUBLIC_ARM_ENDPOINT, type AzureConnection } from './AzureConnection';
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
    additionalPolicies: [{ policy: preconditionsOnWritesPolicy(), position: 'perCall' }],
    userAgentOptions: { userAgentPrefix: 'dualstack' },
  };
}
