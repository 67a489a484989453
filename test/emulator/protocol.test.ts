import type { EmulatorHandle } from '../../emulator/EmulatorOptions';
import {
  authenticationMissing,
  invalidAuthenticationToken,
  missingApiVersion,
  resourceGroupNotFound,
  unsupportedApiVersion,
} from '../../src/arm/errors/commonErrors';
import { armRequest, networkId, RG, startTestEmulator, SUB } from './emulatorTestKit';

describe('emulator wire protocol', () => {
  let handle: EmulatorHandle;
  const vnetPath = networkId('virtualNetworks', 'proto-vnet');
  // Time scale 0: every write finishes at once, so nothing here races an operation.
  beforeAll(async () => {
    handle = await startTestEmulator({ timeScale: 0 });
  });
  afterAll(() => handle.stop());

  it('answers a request without api-version with 400 MissingApiVersionParameter', async () => {
    const res = await armRequest(handle, 'GET', vnetPath);
    const expected = missingApiVersion();
    expect(res.status).toBe(expected.status);
    expect(res.body.error.code).toBe(expected.code);
  });

  it('refuses an api-version Microsoft.Network does not have', async () => {
    const res = await armRequest(handle, 'GET', `${vnetPath}?api-version=1999-01-01`);
    const expected = unsupportedApiVersion('1999-01-01', 'Microsoft.Network/virtualNetworks', []);
    expect(res.status).toBe(expected.status);
    expect(res.body.error.code).toBe(expected.code);
  });

  it('answers 401 without a bearer token and for a token it cannot read', async () => {
    const none = await armRequest(handle, 'GET', `${vnetPath}?api-version=2025-05-01`, { token: null });
    expect([none.status, none.body.error.code]).toEqual([
      authenticationMissing().status,
      authenticationMissing().code,
    ]);
    const bad = await armRequest(handle, 'GET', `${vnetPath}?api-version=2025-05-01`, { token: 'not-a-jwt' });
    expect([bad.status, bad.body.error.code]).toEqual([
      invalidAuthenticationToken().status,
      invalidAuthenticationToken().code,
    ]);
  });

  it('sends ARM headers on every answer: request ids and the remaining-reads/-writes counters', async () => {
    const res = await armRequest(
      handle,
      'GET',
      `${networkId('virtualNetworks', 'absent')}?api-version=2025-05-01`,
    );
    expect(res.status).toBe(404);
    expect(res.headers['x-ms-request-id']).toEqual(expect.any(String));
    expect(Number(res.headers['x-ms-ratelimit-remaining-subscription-reads'])).toBeGreaterThan(0);
    expect(Number(res.headers['x-ms-ratelimit-remaining-subscription-writes'])).toBeGreaterThan(0);
  });

  it('reads and creates resource groups, and refuses a write into a group that does not exist', async () => {
    const rg = await armRequest(
      handle,
      'GET',
      `/subscriptions/${SUB}/resourcegroups/${RG}?api-version=2021-04-01`,
    );
    expect(rg.body).toMatchObject({ name: RG, type: 'Microsoft.Resources/resourceGroups' });
    const created = await armRequest(
      handle,
      'PUT',
      `/subscriptions/${SUB}/resourcegroups/rg-new?api-version=2021-04-01`,
      {
        body: { location: 'westeurope' },
      },
    );
    expect(created.status).toBe(201);
    const expected = resourceGroupNotFound('rg-missing');
    const res = await armRequest(
      handle,
      'PUT',
      `${networkId('routeTables', 'x', 'rg-missing')}?api-version=2025-05-01`,
      {
        body: { location: 'westeurope' },
      },
    );
    expect([res.status, res.body.error.code]).toEqual([expected.status, expected.code]);
  });

  it('DELETE answers 202 with Location and Azure-AsyncOperation, and 204 for a resource that is not there', async () => {
    const path = `${networkId('routeTables', 'proto-rt')}?api-version=2025-05-01`;
    await armRequest(handle, 'PUT', path, { body: { location: 'westeurope' } });
    await armRequest(handle, 'GET', path);
    const del = await armRequest(handle, 'DELETE', path);
    expect(del.status).toBe(202);
    expect(del.headers.location).toMatch(/\/operationResults\//);
    expect(del.headers['azure-asyncoperation']).toMatch(
      new RegExp(
        `^${handle.endpoint}/subscriptions/${SUB}/providers/Microsoft.Network/locations/westeurope/operations/`,
      ),
    );
    const again = await armRequest(
      handle,
      'DELETE',
      `${networkId('routeTables', 'never-there')}?api-version=2025-05-01`,
    );
    expect(again.status).toBe(204);
  });
});
