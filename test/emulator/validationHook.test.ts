import type { EmulatorHandle } from '../../emulator/EmulatorOptions';
import { invalidRequestFormat } from '../../src/arm/errors/commonErrors';
import {
  ipv6OnlyVirtualNetworkNotSupported,
  subnetRangeOutsideVnet,
} from '../../src/arm/errors/virtualNetworkErrors';
import {
  armRequest,
  networkClient,
  networkId,
  POLL,
  RG,
  startTestEmulator,
  vnetBody,
} from './emulatorTestKit';

/** The write pipeline runs the body schema check and the dual-stack rules before it stores anything. */
describe('validation on the wire', () => {
  let handle: EmulatorHandle;
  beforeAll(async () => {
    handle = await startTestEmulator();
  });
  afterAll(() => handle.stop());

  it('refuses a body that breaks the OpenAPI schema with 400 InvalidRequestFormat naming the field', async () => {
    const res = await armRequest(
      handle,
      'PUT',
      `${networkId('virtualNetworks', 'v-schema')}?api-version=2025-05-01`,
      {
        body: { location: 'westeurope', properties: { addressSpace: { addressPrefixes: '10.0.0.0/16' } } },
      },
    );
    const expected = invalidRequestFormat('', 'properties.addressSpace.addressPrefixes');
    expect([res.status, res.body.error.code]).toEqual([expected.status, expected.code]);
    expect(res.body.error.target).toMatch(/addressPrefixes/);
    expect(
      (await armRequest(handle, 'GET', `${networkId('virtualNetworks', 'v-schema')}?api-version=2025-05-01`))
        .status,
    ).toBe(404);
  });

  it('refuses an IPv6-only VNet with the dual-stack rule error', async () => {
    const client = networkClient(handle);
    const expected = ipv6OnlyVirtualNetworkNotSupported(networkId('virtualNetworks', 'v6only'), '');
    await expect(
      client.virtualNetworks.beginCreateOrUpdateAndWait(RG, 'v6only', vnetBody('fd00:1::/48'), POLL),
    ).rejects.toMatchObject({ statusCode: expected.status, code: expected.code });
  });

  it('checks a child PUT merged into its parent: a subnet outside the VNet is refused', async () => {
    const client = networkClient(handle);
    await client.virtualNetworks.beginCreateOrUpdateAndWait(RG, 'v-child', vnetBody('10.80.0.0/16'), POLL);
    const expected = subnetRangeOutsideVnet('out', 'v-child', '');
    await expect(
      client.subnets.beginCreateOrUpdateAndWait(
        RG,
        'v-child',
        'out',
        { addressPrefix: '10.81.0.0/24' },
        POLL,
      ),
    ).rejects.toMatchObject({ statusCode: expected.status, code: expected.code });
    expect((await client.virtualNetworks.get(RG, 'v-child')).subnets).toEqual([]);
  });
});
