import type { EmulatorHandle } from '../../../emulator/EmulatorOptions';
import { emulatorCredential } from '../../../emulator/emulatorCredential';
import { authorizationFailed } from '../../../src/arm/errors/commonErrors';
import {
  armRequest,
  networkClient,
  networkId,
  POLL,
  RG,
  startTestEmulator,
  vnetBody,
} from '../emulatorTestKit';
import { expectRefusedOnTheWire as expectRefused } from '../validation/expectRefusedOnTheWire';

const OWNER = '00000000-0000-4000-8000-0000000000c1';
const READER = '00000000-0000-4000-8000-0000000000c2';
const BLIND_WRITER = '00000000-0000-4000-8000-0000000000c3';
const VNET_READER = '00000000-0000-4000-8000-0000000000c4';

const RBAC: Record<string, string[]> = {
  [OWNER]: ['*'],
  [READER]: ['Microsoft.Network/*/read'],
  [BLIND_WRITER]: ['Microsoft.Network/virtualNetworks/write', 'Microsoft.Network/virtualNetworks/delete'],
  [VNET_READER]: ['Microsoft.Network/virtualNetworks/read'],
};

async function token(principalId: string): Promise<string> {
  return (
    (await emulatorCredential(principalId).getToken('https://management.azure.com/.default'))?.token ?? ''
  );
}

/** Azure-AsyncOperation and Location polls need read on the resource they belong to, like its GET. */
describe('operation-status polls under RBAC', () => {
  let handle: EmulatorHandle;
  const vnetId = networkId('virtualNetworks', 'op-vnet');
  beforeAll(async () => {
    handle = await startTestEmulator({ rbac: RBAC, throttling: false });
  });
  afterAll(() => handle.stop());

  const poll = async (url: string, principal: string) =>
    armRequest(handle, 'GET', url.slice(handle.endpoint.length), { token: await token(principal) });

  it('answers a poll to a reader of the resource and refuses it with 403 AuthorizationFailed to anyone else', async () => {
    const put = await armRequest(handle, 'PUT', `${vnetId}?api-version=2025-05-01`, {
      token: await token(OWNER),
      body: { location: 'westeurope', properties: { addressSpace: { addressPrefixes: ['10.80.0.0/16'] } } },
    });
    expect(put.status).toBe(201);
    const url = String(put.headers['azure-asyncoperation']);
    expect((await poll(url, READER)).status).toBe(200);
    const refused = await poll(url, BLIND_WRITER);
    const expected = authorizationFailed(BLIND_WRITER, 'Microsoft.Network/virtualNetworks/read', vnetId);
    expect([refused.status, refused.body]).toEqual([expected.status, expected.toEnvelope()]);

    // Azure refuses a subnet write while its VNet's operation runs (AnotherOperationInProgress): let it end.
    while (((await poll(url, OWNER)).body as { status?: string }).status === 'InProgress') {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    // A child's poll needs read on the child type: read on the VNet is not enough for a subnet's.
    const subnet = await armRequest(handle, 'PUT', `${vnetId}/subnets/app?api-version=2025-05-01`, {
      token: await token(OWNER),
      body: { properties: { addressPrefix: '10.80.1.0/24' } },
    });
    const subnetUrl = String(subnet.headers['azure-asyncoperation']);
    expect((await poll(subnetUrl, READER)).body).toMatchObject({ status: expect.any(String) });
    expect((await poll(subnetUrl, VNET_READER)).body).toEqual(
      authorizationFailed(
        VNET_READER,
        'Microsoft.Network/virtualNetworks/subnets/read',
        `${vnetId}/subnets/app`,
      ).toEnvelope(),
    );
  });

  it('guards the Location form a DELETE returns the same way', async () => {
    const id = networkId('virtualNetworks', 'op-gone');
    const owner = networkClient(handle, OWNER);
    await owner.virtualNetworks.beginCreateOrUpdateAndWait(RG, 'op-gone', vnetBody('10.81.0.0/16'), {
      updateIntervalInMs: 50,
    });
    const del = await armRequest(handle, 'DELETE', `${id}?api-version=2025-05-01`, {
      token: await token(OWNER),
    });
    expect(del.status).toBe(202);
    const location = String(del.headers.location);
    expect([202, 204]).toContain((await poll(location, READER)).status);
    const refused = await poll(location, BLIND_WRITER);
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual(
      authorizationFailed(BLIND_WRITER, 'Microsoft.Network/virtualNetworks/read', id).toEnvelope(),
    );
  });

  it('fails a write through the real SDK for a caller who may write but not read, and not for one who may do both', async () => {
    const expected = authorizationFailed(
      BLIND_WRITER,
      'Microsoft.Network/virtualNetworks/read',
      networkId('virtualNetworks', 'op-blind'),
    );
    await expectRefused(
      networkClient(handle, BLIND_WRITER).virtualNetworks.beginCreateOrUpdateAndWait(
        RG,
        'op-blind',
        vnetBody('10.82.0.0/16'),
        POLL,
      ),
      expected,
    );
    handle.setRbac({
      ...RBAC,
      [BLIND_WRITER]: [...(RBAC[BLIND_WRITER] ?? []), 'Microsoft.Network/virtualNetworks/read'],
    });
    const vnet = await networkClient(handle, BLIND_WRITER).virtualNetworks.beginCreateOrUpdateAndWait(
      RG,
      'op-blind-2',
      vnetBody('10.83.0.0/16'),
      { updateIntervalInMs: 50 },
    );
    expect(vnet.provisioningState).toBe('Succeeded');
  });
});
