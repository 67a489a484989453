import type { NetworkManagementClient } from '@azure/arm-network';
import type { EmulatorHandle } from '../../emulator/EmulatorOptions';
import { ipamPoolResources } from '../../estates/builders/ipamPool';
import { parentResourceNotFound, preconditionFailedResourceExists } from '../../src/arm/errors/commonErrors';
import {
  invalidNumberOfIpAddresses,
  ipamPoolExhausted,
  ipamPoolInUse,
  prefixAlreadyAllocated,
  prefixOutsidePool,
  staticCidrAmountAmbiguous,
} from '../../src/arm/errors/ipamErrors';
import { LOCATION, networkClient, POLL, RG, startTestEmulator, SUB } from './emulatorTestKit';

const NM = 'avnm';
const POOL = 'pool-v6';

function code(e: ReturnType<typeof parentResourceNotFound>): { statusCode: number; code: string } {
  return { statusCode: e.status, code: e.body.code };
}

describe('emulated AVNM IPAM pools and static CIDRs through NetworkManagementClient', () => {
  let handle: EmulatorHandle;
  let client: NetworkManagementClient;
  const poolId = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Network/networkManagers/${NM}/ipamPools/${POOL}`;

  beforeAll(async () => {
    handle = await startTestEmulator({ pageSize: 2 });
    handle.load(
      ipamPoolResources({
        subscriptionId: SUB,
        resourceGroup: RG,
        location: LOCATION,
        networkManagerName: NM,
        poolName: POOL,
        addressPrefixes: ['fd00:1200::/48', '10.200.0.0/16'],
        staticCidrs: { 'on-premises': ['fd00:1200::/56'] },
      }),
    );
    client = networkClient(handle);
  });
  afterAll(() => handle.stop());

  it('serves the pool with its IP address types and lists static CIDRs, paged', async () => {
    const pool = await client.ipamPools.get(RG, NM, POOL);
    expect(pool.properties).toMatchObject({
      ipAddressType: ['IPv4', 'IPv6'],
      addressPrefixes: ['fd00:1200::/48', '10.200.0.0/16'],
      provisioningState: 'Succeeded',
    });
    for (const [name, prefix] of [
      ['a', '10.200.0.0/24'],
      ['b', '10.200.1.0/24'],
    ] as const)
      await client.staticCidrs.create(RG, NM, POOL, name, {
        body: { properties: { addressPrefixes: [prefix] } },
      });
    const names: string[] = [];
    for await (const s of client.staticCidrs.list(RG, NM, POOL)) names.push(s.name ?? '');
    expect(names).toEqual(['a', 'b', 'on-premises']);
  });

  it('allocates from a count the first free aligned block, skipping what is allocated', async () => {
    const got = await client.staticCidrs.create(RG, NM, POOL, 'v6-count', {
      body: { properties: { numberOfIPAddressesToAllocate: (1n << 72n).toString() } },
    });
    // fd00:1200::/56 is on-premises: the next /56.
    expect(got.properties).toMatchObject({
      addressPrefixes: ['fd00:1200:0:100::/56'],
      totalNumberOfIPAddresses: (1n << 72n).toString(),
    });
    await client.staticCidrs.beginDeleteAndWait(RG, NM, POOL, 'v6-count', POLL);
  });

  it('refuses a static CIDR outside the pool, overlapping an allocation, ambiguous or of a bad size', async () => {
    const put = (name: string, body: object) =>
      client.staticCidrs.create(RG, NM, POOL, name, { body: { properties: body } });
    await expect(put('out', { addressPrefixes: ['fd00:9999::/56'] })).rejects.toMatchObject(
      code(prefixOutsidePool('f', 'p', poolId, [])),
    );
    await expect(put('clash', { addressPrefixes: ['fd00:1200::/64'] })).rejects.toMatchObject(
      code(prefixAlreadyAllocated('f', 'p', 'h', 'x')),
    );
    await expect(
      put('both', { addressPrefixes: ['fd00:1200:0:200::/56'], numberOfIPAddressesToAllocate: '256' }),
    ).rejects.toMatchObject(code(staticCidrAmountAmbiguous()));
    await expect(put('odd', { numberOfIPAddressesToAllocate: '300' })).rejects.toMatchObject(
      code(invalidNumberOfIpAddresses('300')),
    );
    await expect(
      put('huge', { numberOfIPAddressesToAllocate: (1n << 96n).toString() }),
    ).rejects.toMatchObject(code(ipamPoolExhausted(poolId, '')));
    await expect(
      client.staticCidrs.create(RG, NM, 'no-such-pool', 'x', {
        body: { properties: { addressPrefixes: ['10.0.0.0/24'] } },
      }),
    ).rejects.toMatchObject(code(parentResourceNotFound(poolId)));
  });

  it('reports usage (allocated, available as CIDRs, counts) and refuses to delete a pool in use', async () => {
    await client.staticCidrs.create(RG, NM, POOL, 'spoke', {
      body: { properties: { addressPrefixes: ['fd00:1200:0:300::/56'] } },
      requestOptions: { customHeaders: { 'If-None-Match': '*' } },
    });
    await expect(
      client.staticCidrs.create(RG, NM, POOL, 'spoke', {
        body: { properties: { addressPrefixes: ['fd00:1200:0:300::/56'] } },
        requestOptions: { customHeaders: { 'If-None-Match': '*' } },
      }),
    ).rejects.toMatchObject(code(preconditionFailedResourceExists('x')));
    const usage = await client.ipamPools.getPoolUsage(RG, NM, POOL);
    expect(usage.allocatedAddressPrefixes).toEqual(
      expect.arrayContaining(['fd00:1200::/56', 'fd00:1200:0:300::/56']),
    );
    expect(usage.availableAddressPrefixes).toEqual(
      expect.arrayContaining(['fd00:1200:0:100::/56', 'fd00:1200:0:200::/56', '10.200.2.0/23']),
    );
    const total = (1n << 80n) + (1n << 16n);
    expect(usage.totalNumberOfIPAddresses).toBe(total.toString());
    expect(
      BigInt(usage.numberOfAvailableIPAddresses ?? '0') + BigInt(usage.numberOfAllocatedIPAddresses ?? '0'),
    ).toBe(total);
    await expect(client.ipamPools.beginDeleteAndWait(RG, NM, POOL, POLL)).rejects.toMatchObject(
      code(ipamPoolInUse(poolId, [])),
    );
  });

  it('creates a child pool inside its parent and refuses one outside it', async () => {
    const child = await client.ipamPools.beginCreateAndWait(
      RG,
      NM,
      'child',
      { location: LOCATION, properties: { addressPrefixes: ['10.200.128.0/17'], parentPoolName: POOL } },
      POLL,
    );
    expect(child.properties).toMatchObject({ ipAddressType: ['IPv4'], parentPoolName: POOL });
    await expect(
      client.ipamPools.beginCreateAndWait(
        RG,
        NM,
        'stray',
        { location: LOCATION, properties: { addressPrefixes: ['10.201.0.0/24'], parentPoolName: POOL } },
        POLL,
      ),
    ).rejects.toMatchObject(code(prefixOutsidePool('f', 'p', poolId, [])));
    const usage = await client.ipamPools.getPoolUsage(RG, NM, POOL);
    expect(usage.childPools?.[0]?.addressPrefixes).toEqual(['10.200.128.0/17']);
  });
});
