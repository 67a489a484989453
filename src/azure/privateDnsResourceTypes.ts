import type { RecordType } from '@azure/arm-privatedns';
import type { NetworkResourceType } from './networkResourceTypes';
import { recordSetModel } from './recordSetModel';

export const PRIVATE_DNS_ZONES = 'Microsoft.Network/privateDnsZones';
export const VIRTUAL_NETWORK_LINKS = 'Microsoft.Network/privateDnsZones/virtualNetworkLinks';
/** The record set types the planner reads; only AAAA is ever written. */
export const DNS_RECORD_TYPES = ['A', 'AAAA'] as const satisfies readonly RecordType[];

const first = (n: string[]): string => n[0] ?? '';
const second = (n: string[]): string => n[1] ?? '';

function recordSetType(recordType: RecordType, access: 'read' | 'write'): NetworkResourceType {
  return {
    type: `${PRIVATE_DNS_ZONES}/${recordType}`,
    model: 'RecordSet',
    toModel: recordSetModel,
    listByParent: (c, rg, n, o) => c.privateDns.recordSets.listByType(rg, first(n), recordType, o),
    get: (c, rg, n, o) => c.privateDns.recordSets.get(rg, first(n), recordType, second(n), o),
    ...(access === 'write'
      ? {
          // Record set writes are synchronous in the Private DNS API (200/201, no long-running operation).
          put: (c, rg, n, m, o) =>
            c.privateDns.recordSets.createOrUpdate(rg, first(n), recordType, second(n), m as never, o),
          delete: (c, rg, n, o) => c.privateDns.recordSets.delete(rg, first(n), recordType, second(n), o),
        }
      : {}),
  };
}

/** Microsoft.Network/privateDnsZones as the access layer reads and writes it (api-version 2020-06-01). */
export const PRIVATE_DNS_RESOURCE_TYPES: readonly NetworkResourceType[] = [
  {
    type: PRIVATE_DNS_ZONES,
    model: 'PrivateZone',
    listAll: (c, o) => c.privateDns.privateZones.list(o),
    listByResourceGroup: (c, rg, o) => c.privateDns.privateZones.listByResourceGroup(rg, o),
    get: (c, rg, n, o) => c.privateDns.privateZones.get(rg, first(n), o),
  },
  {
    type: VIRTUAL_NETWORK_LINKS,
    model: 'VirtualNetworkLink',
    listByParent: (c, rg, n, o) => c.privateDns.virtualNetworkLinks.list(rg, first(n), o),
    get: (c, rg, n, o) => c.privateDns.virtualNetworkLinks.get(rg, first(n), second(n), o),
  },
  recordSetType('A', 'read'),
  recordSetType('AAAA', 'write'),
];
