import type { ArmResource } from '../src/arm/ArmResource';
import { parseResourceId } from '../src/arm/resourceId';

export interface InventoryEntry {
  /** e.g. 'Microsoft.Network/virtualNetworks/subnets' */
  type: string;
  resourceGroup: string;
  /** Names from the top-level resource down, joined by '/': 'vnet-hub/GatewaySubnet'. */
  name: string;
  /** Address space of a VNet, prefix(es) of a subnet, private addresses of a NIC or frontend; else empty. */
  addresses: string[];
}

function strings(...values: unknown[]): string[] {
  return values.flat().filter((v): v is string => typeof v === 'string');
}

function entry(id: string, type: string, addresses: string[]): InventoryEntry {
  const parsed = parseResourceId(id);
  return { type, resourceGroup: parsed?.resourceGroup ?? '', name: parsed?.names.join('/') ?? id, addresses };
}

function childEntries(
  resource: ArmResource,
  collection: string,
  pick: (p: Record<string, unknown>) => string[],
): InventoryEntry[] {
  const items = resource.properties?.[collection];
  if (!Array.isArray(items)) return [];
  return (items as { id?: unknown; type?: unknown; properties?: Record<string, unknown> }[])
    .filter((c) => typeof c.id === 'string')
    .map((c) => entry(String(c.id), `${resource.type}/${collection}`, pick(c.properties ?? {})));
}

/**
 * Names and addresses of every resource, subnet and ip configuration of a
 * topology, sorted: what infra/sample's Bicep must declare for the reference
 * topology, and a compact inventory for people.
 */
export function topologyInventory(resources: ArmResource[]): InventoryEntry[] {
  const out: InventoryEntry[] = [];
  for (const r of resources) {
    const p = r.properties ?? {};
    const space = (p.addressSpace as { addressPrefixes?: unknown } | undefined)?.addressPrefixes;
    out.push(entry(r.id, r.type, strings(space, p.ipAddress)));
    out.push(...childEntries(r, 'subnets', (c) => strings(c.addressPrefix, c.addressPrefixes)));
    out.push(...childEntries(r, 'frontendIPConfigurations', (c) => strings(c.privateIPAddress)));
    if (r.type === 'Microsoft.Network/networkInterfaces')
      out.push(...childEntries(r, 'ipConfigurations', (c) => strings(c.privateIPAddress)));
  }
  const key = (e: InventoryEntry): string =>
    `${e.type.toLowerCase()}|${e.resourceGroup.toLowerCase()}|${e.name.toLowerCase()}`;
  return out.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
