import type { ArmResource } from '../../../src/arm/ArmResource';
import type { ArmError } from '../../../src/arm/errors/ArmError';
import { idKey } from '../../../src/arm/resourceId';
import { validateWrite } from '../../../emulator/validation/validateWrite';
import type { ResourceReader } from '../../../emulator/validation/WriteContext';

/** Small hand-built resources, shaped as ARM GET returns them, for the write-rule tests. */
export const NET =
  '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.Network';

/** `{ id }` values inside a resource that point outside it, as the emulator's store indexes them. */
function outgoingIds(resource: ArmResource): string[] {
  const own = idKey(resource.id);
  const out: string[] = [];
  const walk = (node: unknown, top: boolean): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item, false);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    const id = typeof record.id === 'string' ? idKey(record.id) : undefined;
    if (!top && id && id !== own && !id.startsWith(`${own}/`)) out.push(id);
    for (const value of Object.values(record)) walk(value, false);
  };
  walk(resource, true);
  return out;
}

/** A store over `resources`; `indexed` adds the optional reverse-reference index. */
export function memoryStore(resources: ArmResource[], indexed = false): ResourceReader {
  const byId = new Map(resources.map((r) => [idKey(r.id), r]));
  const store: ResourceReader = {
    get: (id) => byId.get(idKey(id)),
    ofType: (type) => resources.filter((r) => r.type.toLowerCase() === type.toLowerCase()),
  };
  if (indexed) {
    const index = new Map<string, ArmResource[]>();
    for (const resource of resources) {
      for (const target of new Set(outgoingIds(resource)))
        index.set(target, [...(index.get(target) ?? []), resource]);
    }
    store.referencing = (id) => index.get(idKey(id)) ?? [];
  }
  return store;
}

/**
 * Runs validateWrite for `resource` against a store holding `others` (and the stored `existing`, if any),
 * once with the reference index and once without; both paths must reach the same verdict.
 */
export function write(
  resource: ArmResource,
  others: ArmResource[] = [],
  existing?: ArmResource,
): ArmError | undefined {
  const stored = existing ? [existing, ...others] : others;
  const scanned = validateWrite({ resource, existing, store: memoryStore(stored) });
  const indexed = validateWrite({ resource, existing, store: memoryStore(stored, true) });
  expect(indexed?.body).toEqual(scanned?.body);
  return indexed;
}

export interface SubnetSpec {
  name: string;
  prefixes: string[];
  navigationLinks?: boolean;
}

export function subnetId(vnetName: string, subnetName: string): string {
  return `${NET}/virtualNetworks/${vnetName}/subnets/${subnetName}`;
}

export function vnet(
  name: string,
  prefixes: string[],
  subnets: SubnetSpec[] = [],
  peerings: { name: string; remote: string }[] = [],
): ArmResource {
  const id = `${NET}/virtualNetworks/${name}`;
  return {
    id,
    name,
    type: 'Microsoft.Network/virtualNetworks',
    location: 'westeurope',
    properties: {
      addressSpace: { addressPrefixes: prefixes },
      subnets: subnets.map((s) => ({
        id: subnetId(name, s.name),
        name: s.name,
        properties: {
          ...(s.prefixes.length === 1 ? { addressPrefix: s.prefixes[0] } : { addressPrefixes: s.prefixes }),
          ...(s.navigationLinks
            ? { resourceNavigationLinks: [{ id: `${subnetId(name, s.name)}/resourceNavigationLinks/link` }] }
            : {}),
        },
      })),
      virtualNetworkPeerings: peerings.map((p) => ({
        id: `${id}/virtualNetworkPeerings/${p.name}`,
        name: p.name,
        properties: { remoteVirtualNetwork: { id: `${NET}/virtualNetworks/${p.remote}` } },
      })),
    },
  };
}

export interface IpConfigSpec {
  name: string;
  version?: 'IPv4' | 'IPv6';
  primary?: boolean;
  subnet?: string;
  pools?: string[];
  address?: string;
  allocation?: 'Static' | 'Dynamic';
}

export function nic(name: string, configs: IpConfigSpec[]): ArmResource {
  const id = `${NET}/networkInterfaces/${name}`;
  return {
    id,
    name,
    type: 'Microsoft.Network/networkInterfaces',
    location: 'westeurope',
    properties: {
      ipConfigurations: configs.map((c) => ({
        id: `${id}/ipConfigurations/${c.name}`,
        name: c.name,
        properties: {
          ...(c.version ? { privateIPAddressVersion: c.version } : {}),
          ...(c.primary !== undefined ? { primary: c.primary } : {}),
          ...(c.subnet ? { subnet: { id: c.subnet } } : {}),
          ...(c.pools ? { loadBalancerBackendAddressPools: c.pools.map((p) => ({ id: p })) } : {}),
          ...(c.address ? { privateIPAddress: c.address } : {}),
          ...(c.allocation ? { privateIPAllocationMethod: c.allocation } : {}),
        },
      })),
    },
  };
}

export function poolId(lbName: string, pool: string): string {
  return `${NET}/loadBalancers/${lbName}/backendAddressPools/${pool}`;
}

export interface FrontendSpec {
  name: string;
  version?: 'IPv4' | 'IPv6';
  subnet?: string;
  publicIp?: string;
}

export function loadBalancer(
  name: string,
  sku: 'Basic' | 'Standard' | undefined,
  frontends: FrontendSpec[],
  pools: string[],
  rules: { name: string; frontend: string; pool: string }[] = [],
): ArmResource {
  const id = `${NET}/loadBalancers/${name}`;
  return {
    id,
    name,
    type: 'Microsoft.Network/loadBalancers',
    location: 'westeurope',
    ...(sku ? { sku: { name: sku } } : {}),
    properties: {
      frontendIPConfigurations: frontends.map((f) => ({
        id: `${id}/frontendIPConfigurations/${f.name}`,
        name: f.name,
        properties: {
          ...(f.version ? { privateIPAddressVersion: f.version } : {}),
          ...(f.subnet ? { subnet: { id: f.subnet } } : {}),
          ...(f.publicIp ? { publicIPAddress: { id: f.publicIp } } : {}),
        },
      })),
      backendAddressPools: pools.map((p) => ({ id: poolId(name, p), name: p })),
      loadBalancingRules: rules.map((r) => ({
        id: `${id}/loadBalancingRules/${r.name}`,
        name: r.name,
        properties: {
          frontendIPConfiguration: { id: `${id}/frontendIPConfigurations/${r.frontend}` },
          backendAddressPool: { id: poolId(name, r.pool) },
          protocol: 'All',
          frontendPort: 0,
          backendPort: 0,
        },
      })),
    },
  };
}

export function publicIp(name: string, version: 'IPv4' | 'IPv6'): ArmResource {
  return {
    id: `${NET}/publicIPAddresses/${name}`,
    name,
    type: 'Microsoft.Network/publicIPAddresses',
    location: 'westeurope',
    sku: { name: 'Standard' },
    properties: { publicIPAddressVersion: version, publicIPAllocationMethod: 'Static' },
  };
}

export function routeTable(
  name: string,
  routes: { name: string; prefix: string; type: string; nextHop?: string }[],
): ArmResource {
  const id = `${NET}/routeTables/${name}`;
  return {
    id,
    name,
    type: 'Microsoft.Network/routeTables',
    location: 'westeurope',
    properties: {
      routes: routes.map((r) => ({
        id: `${id}/routes/${r.name}`,
        name: r.name,
        properties: {
          addressPrefix: r.prefix,
          nextHopType: r.type,
          ...(r.nextHop ? { nextHopIpAddress: r.nextHop } : {}),
        },
      })),
    },
  };
}

export function nsg(
  name: string,
  rules: { name: string; properties: Record<string, unknown> }[],
): ArmResource {
  const id = `${NET}/networkSecurityGroups/${name}`;
  return {
    id,
    name,
    type: 'Microsoft.Network/networkSecurityGroups',
    location: 'westeurope',
    properties: {
      securityRules: rules.map((r, i) => ({
        id: `${id}/securityRules/${r.name}`,
        name: r.name,
        properties: {
          protocol: '*',
          access: 'Allow',
          direction: 'Inbound',
          priority: 100 + i,
          ...r.properties,
        },
      })),
    },
  };
}

/** Asserts a refusal with exactly the status, code and target the factory function produces. */
export function expectRefused(actual: ArmError | undefined, expected: ArmError): void {
  expect(actual).toBeDefined();
  expect(actual?.status).toBe(expected.status);
  expect(actual?.code).toBe(expected.code);
  expect(actual?.body.target).toBe(expected.body.target);
  expect(actual?.body.message).toBe(expected.body.message);
}

/** A spoke with one dual-stack subnet and one IPv4-only subnet, for the ip-configuration rules. */
export const dualStackSpoke = vnet(
  'spoke',
  ['10.1.0.0/16', 'fd00:db8:1::/56'],
  [
    { name: 'dual', prefixes: ['10.1.0.0/24', 'fd00:db8:1:1::/64'] },
    { name: 'v4only', prefixes: ['10.1.1.0/24'] },
  ],
);
export const DUAL_SUBNET = subnetId('spoke', 'dual');
export const IPV4_ONLY_SUBNET = subnetId('spoke', 'v4only');
