import type { AccessToken, TokenCredential } from '@azure/core-auth';

export const EMULATOR_TENANT_ID = '72f988bf-0000-4000-8000-00000000ad00';
export const DEFAULT_PRINCIPAL_ID = '00000000-0000-4000-8000-0000000000aa';

/**
 * A static credential whose token is an unsigned JWT carrying `oid` and `tid`.
 * The emulator reads those claims for RBAC and for the `claims` of the events
 * it emits, the way ARM reads them from a real token.
 */
export function emulatorCredential(
  principalId = DEFAULT_PRINCIPAL_ID,
  tenantId = EMULATOR_TENANT_ID,
): TokenCredential {
  const b64 = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  const token = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ oid: principalId, tid: tenantId, appid: principalId })}.`;
  return {
    getToken(): Promise<AccessToken> {
      return Promise.resolve({ token, expiresOnTimestamp: Date.now() + 3600_000 });
    },
  };
}

export function decodeEmulatorToken(token: string): { oid: string; tid: string } | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    return typeof claims.oid === 'string' && typeof claims.tid === 'string'
      ? { oid: claims.oid, tid: claims.tid }
      : undefined;
  } catch {
    return undefined;
  }
}
