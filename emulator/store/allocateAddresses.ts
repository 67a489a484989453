import type { ArmResource } from '../../src/arm/ArmResource';
import { idKey, parentResourceId } from '../../src/arm/resourceId';
import type { ResourceStore } from './ResourceStore';
import { parseCidr } from '../../src/arm/cidr';
import { ipVersionField, isStaticAllocation } from '../../src/arm/ipVersionField';
import { canonicalAddress, nextFreeAddress } from './ipAddresses';
import type { Json } from './subResources';
import { childArray, findChild, isRecord, props, sameName } from './subResources';

function canonicalAllocationMethod(p: Json): void {
  p.privateIPAllocationMethod = isStaticAllocation(p.privateIPAllocationMethod) ? 'Static' : 'Dynamic';
}

function subnetIdOf(config: Json): string | undefined {
  const p = config.properties;
  if (!isRecord(p) || !isRecord(p.subnet)) return undefined;
  return typeof p.subnet.id === 'string' ? p.subnet.id : undefined;
}

/** Private addresses that ip configurations of `resource` hold in the subnet. */
function addressesIn(resource: ArmResource, subnetKey: string, into: Set<string>): void {
  for (const value of Object.values(resource.properties ?? {})) {
    if (!Array.isArray(value)) continue;
    for (const item of value) {
      if (!isRecord(item)) continue;
      const id = subnetIdOf(item);
      const address = isRecord(item.properties) ? item.properties.privateIPAddress : undefined;
      if (id && idKey(id) === subnetKey && typeof address === 'string') {
        const canonical = canonicalAddress(address);
        if (canonical) into.add(canonical);
      }
    }
  }
}

function subnetPrefixes(store: ResourceStore, subnetId: string): string[] {
  const vnet = store.get(parentResourceId(subnetId));
  const subnet = findChild(vnet, 'subnets', subnetId.split('/').pop() ?? '');
  if (!subnet || !isRecord(subnet.properties)) return [];
  const p = subnet.properties;
  const list = Array.isArray(p.addressPrefixes)
    ? p.addressPrefixes.filter((x): x is string => typeof x === 'string')
    : [];
  return typeof p.addressPrefix === 'string' ? [p.addressPrefix, ...list] : list;
}

/**
 * Gives Dynamic ip configurations (NIC ipConfigurations, LB frontends, firewall
 * ipConfigurations with `alwaysDynamic`) the next free address of their subnet,
 * IPv4 or IPv6 by `privateIPAddressVersion`. A Dynamic configuration keeps the
 * address it already had, as Azure does; Static ones keep what was sent.
 */
export function allocateAddresses(
  store: ResourceStore,
  resource: ArmResource,
  existing: ArmResource | undefined,
  property: string,
  alwaysDynamic = false,
): void {
  const configs = childArray(resource, property);
  // Azure answers every configuration, public frontends included, with the method's canonical spelling.
  if (!alwaysDynamic) for (const config of configs) canonicalAllocationMethod(props(config));
  const usedBySubnet = new Map<string, Set<string>>();
  const used = (subnetId: string): Set<string> => {
    const key = idKey(subnetId);
    let set = usedBySubnet.get(key);
    if (!set) {
      set = new Set();
      for (const other of store.referencing(subnetId))
        if (idKey(other.id) !== idKey(resource.id)) addressesIn(other, key, set);
      usedBySubnet.set(key, set);
    }
    return set;
  };
  const pending: { config: Json; subnetId: string; version: 'IPv4' | 'IPv6' }[] = [];
  for (const config of configs) {
    const subnetId = subnetIdOf(config);
    const p = props(config);
    if (!subnetId) continue;
    if (!alwaysDynamic) p.privateIPAllocationMethod ??= 'Dynamic';
    const version = ipVersionField(p.privateIPAddressVersion) ?? 'IPv4';
    if (!alwaysDynamic) p.privateIPAddressVersion ??= 'IPv4';
    const dynamic = alwaysDynamic || !isStaticAllocation(p.privateIPAllocationMethod);
    if (!dynamic && typeof p.privateIPAddress === 'string') {
      used(subnetId).add(canonicalAddress(p.privateIPAddress) ?? p.privateIPAddress);
      continue;
    }
    const old = existing
      ? childArray(existing, property).find((c) => sameName(c.name, String(config.name)))
      : undefined;
    const oldAddress = old && isRecord(old.properties) ? old.properties.privateIPAddress : undefined;
    const oldVersion =
      (old && isRecord(old.properties)
        ? ipVersionField(old.properties.privateIPAddressVersion)
        : undefined) ?? 'IPv4';
    const oldSubnet = old ? subnetIdOf(old) : undefined;
    if (
      typeof oldAddress === 'string' &&
      oldVersion === version &&
      oldSubnet &&
      idKey(oldSubnet) === idKey(subnetId)
    ) {
      p.privateIPAddress = oldAddress;
      used(subnetId).add(canonicalAddress(oldAddress) ?? oldAddress);
      continue;
    }
    delete p.privateIPAddress;
    pending.push({ config, subnetId, version });
  }
  for (const { config, subnetId, version } of pending) {
    const prefix = subnetPrefixes(store, subnetId)
      .map(parseCidr)
      .find((x) => x !== undefined && x.version === version);
    if (!prefix) continue;
    const address = nextFreeAddress(prefix, used(subnetId));
    if (!address) continue;
    used(subnetId).add(address);
    props(config).privateIPAddress = address;
  }
}
