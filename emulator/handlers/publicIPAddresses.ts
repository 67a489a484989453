import { createHash } from 'node:crypto';
import { publicIpAddressCannotBeDeleted } from '../../src/arm/errors/publicIpAddressErrors';
import { holdersOf } from '../store/backReferences';
import { props } from '../store/subResources';
import { fillDefaults } from './fillDefaults';
import type { ResourceTypeSpec } from './ResourceTypeSpec';
import { resourceRoutes } from './resourceRoutes';

function documentationAddress(id: string, props: Record<string, unknown>): string {
  const hash = createHash('sha256').update(id.toLowerCase()).digest();
  const v6 = String(props.publicIPAddressVersion).toLowerCase() === 'ipv6';
  if (!v6) return `198.51.100.${((hash[0] ?? 0) % 254) + 1}`;
  const group = (i: number) => (((hash[i] ?? 0) << 8) | (hash[i + 1] ?? 0)).toString(16);
  return `2001:db8:${group(0)}:${group(2)}::1:${group(4)}`;
}

export const publicIPAddressSpec: ResourceTypeSpec = {
  type: 'Microsoft.Network/publicIPAddresses',
  collection: 'publicIPAddresses',
  children: [],
  readOnly: ['properties.ipConfiguration'],
  operationName: 'PutPublicIpAddressOperation',
  // Azure echoes the default version (azure-cli recording test_network_lb_zone). Static public IPs get
  // their address when created and keep it; the emulator hands out documentation addresses
  // (RFC 3849 / RFC 5737), derived from the id so they are stable.
  prepare: ({ resource, existing }) => {
    const p = props(resource);
    fillDefaults(p, { publicIPAddressVersion: 'IPv4' });
    const kept = existing?.properties?.ipAddress ?? p.ipAddress;
    p.ipAddress = typeof kept === 'string' ? kept : documentationAddress(resource.id, p);
  },
  beforeDelete: (emulator, resource) => {
    const [holder] = holdersOf(emulator.store, resource.id, 'publicIPAddress');
    if (holder) throw publicIpAddressCannotBeDeleted(resource.id, holder);
  },
  decorate: (emulator, resource) => {
    const [holder] = holdersOf(emulator.store, resource.id, 'publicIPAddress');
    return holder
      ? { ...resource, properties: { ...resource.properties, ipConfiguration: { id: holder } } }
      : resource;
  },
};

export const publicIPAddressesHandler = resourceRoutes(publicIPAddressSpec);
