import type { Approver } from '../../orchestrations/awaitApproval';
import { ApiError } from './validateBody';

export const PRINCIPAL_HEADER = 'x-ms-client-principal';
const NAME_HEADER = 'x-ms-client-principal-name';
const ID_HEADER = 'x-ms-client-principal-id';
const IDP_HEADER = 'x-ms-client-principal-idp';

/** Longer than any UPN, object id or provider name; a longer value is not a principal. */
const MAX_VALUE = 256;
const OID_CLAIMS = ['http://schemas.microsoft.com/identity/claims/objectidentifier', 'oid'];
const NAME_CLAIMS = [
  'preferred_username',
  'name',
  'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn',
  'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name',
];

interface HeadersLike {
  get(name: string): string | null;
}

interface ClientPrincipal {
  name?: string;
  id?: string;
  identityProvider?: string;
}

function bad(header: string, why: string): ApiError {
  return new ApiError(400, 'InvalidClientPrincipal', `${header}: ${why}`, header);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * App Service's decoded X-MS-CLIENT-PRINCIPAL: `{ auth_typ, claims: [{ typ, val }], name_typ }`. The name is
 * the claim `name_typ` names (else the usual name claims), the id the Entra object id claim.
 */
function decodePrincipal(encoded: string): ClientPrincipal {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'));
  } catch {
    throw bad(PRINCIPAL_HEADER, 'is not base64-encoded JSON');
  }
  if (typeof decoded !== 'object' || decoded === null || Array.isArray(decoded))
    throw bad(PRINCIPAL_HEADER, 'is not a JSON object');
  const principal = decoded as { auth_typ?: unknown; name_typ?: unknown; claims?: unknown };
  const claims = Array.isArray(principal.claims) ? (principal.claims as unknown[]) : [];
  const claim = (types: unknown[]): string | undefined => {
    for (const type of types) {
      const found = claims.find(
        (c): c is { typ: string; val: unknown } =>
          typeof c === 'object' && c !== null && (c as { typ?: unknown }).typ === type,
      );
      const value = text(found?.val);
      if (value) return value;
    }
    return undefined;
  };
  const name = claim([principal.name_typ, ...NAME_CLAIMS]);
  const id = claim(OID_CLAIMS);
  const identityProvider = text(principal.auth_typ);
  return {
    ...(name ? { name } : {}),
    ...(id ? { id } : {}),
    ...(identityProvider ? { identityProvider } : {}),
  };
}

function header(headers: HeadersLike, name: string): string | undefined {
  const value = text(headers.get(name));
  if (value && value.length > MAX_VALUE) throw bad(name, `is longer than ${MAX_VALUE} characters`);
  return value;
}

/**
 * Who is calling, for the record of an approval: the principal App Service Authentication put in the
 * request headers (App Service removes these headers from outside requests, so only it sets them), else
 * the function key that let the call in. A principal header that can't be read is a 400 naming it.
 */
export function callerPrincipal(headers: HeadersLike): Approver {
  const encoded = text(headers.get(PRINCIPAL_HEADER));
  const decoded = encoded ? decodePrincipal(encoded) : {};
  for (const [field, value] of Object.entries(decoded))
    if (typeof value === 'string' && value.length > MAX_VALUE)
      throw bad(PRINCIPAL_HEADER, `${field} is longer than ${MAX_VALUE} characters`);
  const id = decoded.id ?? header(headers, ID_HEADER);
  const name = decoded.name ?? header(headers, NAME_HEADER) ?? id;
  const identityProvider = decoded.identityProvider ?? header(headers, IDP_HEADER);
  if (!name) {
    if (encoded) throw bad(PRINCIPAL_HEADER, 'names no caller: no name or object id claim');
    return { name: 'function key', source: 'functionKey' };
  }
  return {
    name,
    ...(id ? { id } : {}),
    ...(identityProvider ? { identityProvider } : {}),
    source: 'appServiceAuth',
  };
}
