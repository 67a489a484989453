import { callerPrincipal } from '../../../../src/functions/http/callerPrincipal';
import { ApiError } from '../../../../src/functions/http/validateBody';

const headers = (values: Record<string, string>): Headers => new Headers(values);
const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64');

function refusal(values: Record<string, string>): ApiError {
  try {
    callerPrincipal(headers(values));
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('accepted');
}

describe('callerPrincipal', () => {
  it('falls back to the function key when App Service Authentication passed no principal', () => {
    expect(callerPrincipal(headers({}))).toEqual({ name: 'function key', source: 'functionKey' });
  });

  it('reads the claim name_typ names and the object id from X-MS-CLIENT-PRINCIPAL, before the -NAME/-ID headers', () => {
    const principal = encode({
      auth_typ: 'aad',
      name_typ: 'preferred_username',
      claims: [
        { typ: 'preferred_username', val: 'bob@contoso.com' },
        { typ: 'oid', val: '11111111-2222-4333-8444-555555555555' },
      ],
    });
    expect(
      callerPrincipal(headers({ 'x-ms-client-principal': principal, 'x-ms-client-principal-name': 'other' })),
    ).toEqual({
      name: 'bob@contoso.com',
      id: '11111111-2222-4333-8444-555555555555',
      identityProvider: 'aad',
      source: 'appServiceAuth',
    });
  });

  it('uses the id as the name when only an id is known (a managed identity calling)', () => {
    expect(callerPrincipal(headers({ 'x-ms-client-principal-id': 'abc' }))).toEqual({
      name: 'abc',
      id: 'abc',
      source: 'appServiceAuth',
    });
  });

  it.each([
    [{ 'x-ms-client-principal': '%%%' }, 'x-ms-client-principal'],
    [{ 'x-ms-client-principal': encode([1, 2]) }, 'x-ms-client-principal'],
    [{ 'x-ms-client-principal': encode({ claims: [{ typ: 'role', val: 'x' }] }) }, 'x-ms-client-principal'],
    [{ 'x-ms-client-principal-name': 'n'.repeat(257) }, 'x-ms-client-principal-name'],
    [{ 'x-ms-client-principal-id': 'i'.repeat(300) }, 'x-ms-client-principal-id'],
  ])('refuses %j with a 400 naming %s', (values, target) => {
    expect(refusal(values)).toMatchObject({ status: 400, code: 'InvalidClientPrincipal', target });
  });
});
