import type { NetworkManagementClient } from '@azure/arm-network';
import type { EmulatorHandle } from '../../../emulator/EmulatorOptions';
import { invalidResourceReference } from '../../../src/arm/errors/commonErrors';
import { inUseBackendAddressPoolCannotBeDeleted } from '../../../src/arm/errors/loadBalancerErrors';
import {
  inUseSubnetCannotBeUpdated,
  subnetRangeOutsideVnet,
} from '../../../src/arm/errors/virtualNetworkErrors';
import { LOCATION, networkClient, networkId, POLL, RG, startTestEmulator } from '../emulatorTestKit';
import { expectRefusedOnTheWire as expectRefused } from './expectRefusedOnTheWire';

/**
 * Taking IPv6 away again (a rollback) through the unmodified NetworkManagementClient: every removal is refused
 * while something still uses what it removes, and accepted in reverse order of the migration.
 */
const SPACE = ['10.60.0.0/16', 'fd00:db8:60::/56'];
const APP = ['10.60.0.0/24', 'fd00:db8:60:1::/64'];
const FRONT = ['10.60.1.0/24', 'fd00:db8:60:2::/64'];

type Rule = [name: string, frontend: string, pool: string];
const R4: Rule = ['r4', 'fe4', 'pool4'];
const R6: Rule = ['r6', 'fe6', 'pool6'];

interface Estate {
  vnet: string;
  vnetId: string;
  lb: string;
  lbId: string;
  nic: string;
  nicId: string;
}

describe('removing IPv6 that is still in use', () => {
  let handle: EmulatorHandle;
  let client: NetworkManagementClient;
  let count = 0;
  beforeAll(async () => {
    handle = await startTestEmulator({ throttling: false });
    client = networkClient(handle);
  });
  afterAll(() => handle.stop());

  const putVnet = (e: Estate, space = SPACE, app = APP, front = FRONT) =>
    client.virtualNetworks.beginCreateOrUpdateAndWait(
      RG,
      e.vnet,
      {
        location: LOCATION,
        addressSpace: { addressPrefixes: space },
        subnets: [
          { name: 'app', addressPrefixes: app },
          { name: 'front', addressPrefixes: front },
        ],
      },
      POLL,
    );

  const putLb = (e: Estate, frontends: string[], pools: string[], rules: Rule[]) =>
    client.loadBalancers.beginCreateOrUpdateAndWait(
      RG,
      e.lb,
      {
        location: LOCATION,
        sku: { name: 'Standard' },
        frontendIPConfigurations: frontends.map((name) => ({
          name,
          subnet: { id: `${e.vnetId}/subnets/front` },
          privateIPAddressVersion: name.endsWith('6') ? 'IPv6' : 'IPv4',
        })),
        backendAddressPools: pools.map((name) => ({ name })),
        loadBalancingRules: rules.map(([name, frontend, pool]) => ({
          name,
          frontendIPConfiguration: { id: `${e.lbId}/frontendIPConfigurations/${frontend}` },
          backendAddressPool: { id: `${e.lbId}/backendAddressPools/${pool}` },
          protocol: 'All',
          frontendPort: 0,
          backendPort: 0,
        })),
      },
      POLL,
    );

  /** `v6Pool` undefined: no IPv6 configuration; null: one outside every pool. */
  const putNic = (e: Estate, v6Pool: string | null | undefined) => {
    const config = (name: string, version: string, pool: string | null) => ({
      name,
      primary: version === 'IPv4',
      privateIPAddressVersion: version,
      subnet: { id: `${e.vnetId}/subnets/app` },
      loadBalancerBackendAddressPools: pool ? [{ id: `${e.lbId}/backendAddressPools/${pool}` }] : [],
    });
    const configs = [config('v4', 'IPv4', 'pool4')];
    if (v6Pool !== undefined) configs.push(config('v6', 'IPv6', v6Pool));
    return client.networkInterfaces.beginCreateOrUpdateAndWait(
      RG,
      e.nic,
      { location: LOCATION, ipConfigurations: configs },
      POLL,
    );
  };

  /** A migrated spoke: a NIC with an IPv6 configuration in pool6, behind an IPv6 frontend and rule. */
  async function deploy(): Promise<Estate> {
    const n = ++count;
    const e: Estate = {
      vnet: `rb${n}-vnet`,
      vnetId: networkId('virtualNetworks', `rb${n}-vnet`),
      lb: `rb${n}-lb`,
      lbId: networkId('loadBalancers', `rb${n}-lb`),
      nic: `rb${n}-nic`,
      nicId: networkId('networkInterfaces', `rb${n}-nic`),
    };
    await putVnet(e);
    await putLb(e, ['fe4', 'fe6'], ['pool4', 'pool6'], [R4, R6]);
    await putNic(e, 'pool6');
    return e;
  }

  it('refuses removing a subnet IPv6 prefix under a NIC IPv6 configuration; IPv4 ones do not hold it', async () => {
    const e = await deploy();
    const expected = inUseSubnetCannotBeUpdated(
      `${e.vnetId}/subnets/app`,
      `${e.nicId}/ipConfigurations/v6`,
      'fd00:db8:60:1::/64',
      'properties.subnets[0].properties.addressPrefixes',
    );
    await expectRefused(putVnet(e, SPACE, ['10.60.0.0/24']), expected);
    const subnetPut = () =>
      client.subnets.beginCreateOrUpdateAndWait(
        RG,
        e.vnet,
        'app',
        { addressPrefixes: ['10.60.0.0/24'] },
        POLL,
      );
    await expectRefused(subnetPut(), expected);
    expect((await client.subnets.get(RG, e.vnet, 'app')).addressPrefixes).toEqual(APP);

    await putNic(e, undefined);
    const subnet = await subnetPut();
    expect(subnet.addressPrefixes).toEqual(['10.60.0.0/24']);
    expect(subnet.ipConfigurations?.map((c) => c.id)).toEqual([`${e.nicId}/ipConfigurations/v4`]);
  });

  it('refuses removing a subnet IPv6 prefix under an IPv6 load-balancer frontend', async () => {
    const e = await deploy();
    await expectRefused(
      putVnet(e, SPACE, APP, ['10.60.1.0/24']),
      inUseSubnetCannotBeUpdated(
        `${e.vnetId}/subnets/front`,
        `${e.lbId}/frontendIPConfigurations/fe6`,
        'fd00:db8:60:2::/64',
        'properties.subnets[1].properties.addressPrefixes',
      ),
    );
  });

  it('refuses removing a backend pool a NIC ip configuration is in, by PUT or DELETE, until the NIC left', async () => {
    const e = await deploy();
    const expected = inUseBackendAddressPoolCannotBeDeleted(
      `${e.lbId}/backendAddressPools/pool6`,
      `${e.nicId}/ipConfigurations/v6`,
    );
    await expectRefused(putLb(e, ['fe4', 'fe6'], ['pool4'], [R4]), expected);
    await expectRefused(
      client.loadBalancerBackendAddressPools.beginDeleteAndWait(RG, e.lb, 'pool6', POLL),
      expected,
    );

    await putNic(e, null);
    const lb = await putLb(e, ['fe4', 'fe6'], ['pool4'], [R4]);
    expect(lb.backendAddressPools?.map((p) => p.name)).toEqual(['pool4']);
  });

  it('refuses removing a frontend its own load-balancing rule still uses, and accepts removing both', async () => {
    const e = await deploy();
    await expectRefused(
      putLb(e, ['fe4'], ['pool4', 'pool6'], [R4, R6]),
      invalidResourceReference(`${e.lbId}/frontendIPConfigurations/fe6`, `${e.lbId}/loadBalancingRules/r6`),
    );
    const lb = await putLb(e, ['fe4'], ['pool4', 'pool6'], [R4]);
    expect(lb.frontendIPConfigurations?.map((f) => f.name)).toEqual(['fe4']);
  });

  it('refuses removing VNet IPv6 space a subnet prefix still sits in', async () => {
    const e = await deploy();
    await expectRefused(
      putVnet(e, ['10.60.0.0/16']),
      subnetRangeOutsideVnet('app', e.vnet, 'properties.subnets[0].properties.addressPrefixes[1]'),
    );
  });

  it('accepts the rollback in reverse order: NIC, then load balancer, then subnets and space in one PUT', async () => {
    const e = await deploy();
    const ipv4Only = () => putVnet(e, ['10.60.0.0/16'], ['10.60.0.0/24'], ['10.60.1.0/24']);
    await expect(ipv4Only()).rejects.toMatchObject({ code: 'InUseSubnetCannotBeUpdated' });

    await putNic(e, undefined);
    await expect(ipv4Only()).rejects.toMatchObject({
      code: 'InUseSubnetCannotBeUpdated',
      message: expect.stringContaining(`${e.lbId}/frontendIPConfigurations/fe6`),
    });

    await putLb(e, ['fe4'], ['pool4'], [R4]);
    const vnet = await ipv4Only();
    expect(vnet.addressSpace?.addressPrefixes).toEqual(['10.60.0.0/16']);
    expect(vnet.subnets?.map((s) => s.addressPrefixes)).toEqual([['10.60.0.0/24'], ['10.60.1.0/24']]);
  });

  it('refuses removing a pool a load-balancing, inbound NAT or outbound rule names, by child DELETE or PUT', async () => {
    const e = await deploy();
    const name = `${e.lb}-rules`;
    const lb = (child: string) => `${networkId('loadBalancers', name)}/${child}`;
    const frontend = { id: lb('frontendIPConfigurations/fe4') };
    /** Each rule collection with the one rule that names pool `p-<key>`. */
    const RULES = {
      lb: [
        'loadBalancingRules',
        { frontendIPConfiguration: frontend, protocol: 'Tcp', frontendPort: 80, backendPort: 80 },
      ],
      nat: [
        'inboundNatRules',
        {
          frontendIPConfiguration: frontend,
          protocol: 'Tcp',
          frontendPortRangeStart: 5000,
          frontendPortRangeEnd: 5100,
          backendPort: 22,
        },
      ],
      out: ['outboundRules', { frontendIPConfigurations: [frontend], protocol: 'All' }],
    } as const;
    type Key = keyof typeof RULES;
    const keys = Object.keys(RULES) as Key[];
    const pools = keys.map((k) => `p-${k}`);
    const put = (rules: readonly Key[]) =>
      client.loadBalancers.beginCreateOrUpdateAndWait(
        RG,
        name,
        {
          location: LOCATION,
          sku: { name: 'Standard' },
          frontendIPConfigurations: [{ name: 'fe4', subnet: { id: `${e.vnetId}/subnets/front` } }],
          backendAddressPools: pools.map((pool) => ({ name: pool })),
          ...Object.fromEntries(
            keys.map((k) => {
              const [collection, props] = RULES[k];
              const rule = {
                name: `r-${k}`,
                backendAddressPool: { id: lb(`backendAddressPools/p-${k}`) },
                ...props,
              };
              return [collection, rules.includes(k) ? [rule] : []];
            }),
          ),
        },
        POLL,
      );
    await put(keys);

    for (const key of keys) {
      const pool = `p-${key}`;
      const expected = invalidResourceReference(
        lb(`backendAddressPools/${pool}`),
        lb(`${RULES[key][0]}/r-${key}`),
      );
      const deletePool = () =>
        client.loadBalancerBackendAddressPools.beginDeleteAndWait(RG, name, pool, POLL);
      await expectRefused(deletePool(), expected);
      const withoutPool = client.loadBalancers
        .get(RG, name)
        .then((current) =>
          client.loadBalancers.beginCreateOrUpdateAndWait(
            RG,
            name,
            { ...current, backendAddressPools: current.backendAddressPools?.filter((p) => p.name !== pool) },
            POLL,
          ),
        );
      await expectRefused(withoutPool, expected);
      expect((await client.loadBalancers.get(RG, name)).backendAddressPools?.map((p) => p.name)).toEqual(
        pools,
      );
      // Valid form: the rule goes first, then the pool.
      await put(keys.filter((k) => k !== key));
      await deletePool();
      const left = await client.loadBalancers.get(RG, name);
      expect(left.backendAddressPools?.map((p) => p.name)).toEqual(pools.filter((p) => p !== pool));
      await put(keys);
    }
  });
});
