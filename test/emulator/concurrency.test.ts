import type { EmulatorHandle } from '../../emulator/EmulatorOptions';
import {
  anotherOperationInProgress,
  referencedResourceNotProvisioned,
} from '../../src/arm/errors/commonErrors';
import { networkClient, networkId, POLL, RG, startTestEmulator, vnetBody } from './emulatorTestKit';

describe('writes against resources that are still Updating', () => {
  let handle: EmulatorHandle;
  // Unscaled latency: a VNet write stays Updating for 10 s, far longer than the test.
  beforeAll(async () => {
    handle = await startTestEmulator({ timeScale: 1 });
  });
  afterAll(() => handle.stop());

  it('refuses a second write to an Updating VNet with AnotherOperationInProgress, then a NIC in its subnet with RetryableError', async () => {
    const client = networkClient(handle, undefined, { retryOptions: { maxRetries: 0 } });
    const poller = await client.virtualNetworks.beginCreateOrUpdate(
      RG,
      'busy-vnet',
      vnetBody('10.30.0.0/16', [{ name: 'app', addressPrefix: '10.30.1.0/24' }]),
      POLL,
    );
    expect(poller.getOperationState().status).toBe('running');
    expect((await client.virtualNetworks.get(RG, 'busy-vnet')).provisioningState).toBe('Updating');

    const busy = anotherOperationInProgress('', '');
    await expect(
      client.subnets.beginCreateOrUpdate(RG, 'busy-vnet', 'other', { addressPrefix: '10.30.2.0/24' }, POLL),
    ).rejects.toMatchObject({ statusCode: busy.status, code: busy.code });
    await expect(
      client.virtualNetworks.beginCreateOrUpdate(RG, 'busy-vnet', vnetBody('10.30.0.0/16'), POLL),
    ).rejects.toMatchObject({ statusCode: busy.status, code: busy.code });

    const subnetId = `${networkId('virtualNetworks', 'busy-vnet')}/subnets/app`;
    const retryable = referencedResourceNotProvisioned(
      subnetId,
      networkId('networkInterfaces', 'busy-nic'),
      'Updating',
      'PutVirtualNetworkOperation',
    );
    const error = await client.networkInterfaces
      .beginCreateOrUpdate(
        RG,
        'busy-nic',
        { location: 'westeurope', ipConfigurations: [{ name: 'ip', subnet: { id: subnetId } }] },
        POLL,
      )
      .then(
        () => undefined,
        (e: unknown) =>
          e as {
            statusCode: number;
            code: string;
            details?: { error?: { details?: { code: string; message: string }[] } };
          },
      );
    expect(error).toMatchObject({ statusCode: retryable.status, code: retryable.code });
    expect(error?.details?.error?.details?.[0]).toEqual(retryable.body.details?.[0]);
  });
});
