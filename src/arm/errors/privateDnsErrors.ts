import { ArmError } from './ArmError';
import { parentResourceNotFound } from './commonErrors';

// Microsoft.Network/privateDnsZones (2020-06-01). The statuses follow the spec and public traces
// (a 21st record in a set: 409); no public trace gives the codes, so the codes are ours.

export function parentZoneNotFound(zoneId: string): ArmError {
  return parentResourceNotFound(zoneId);
}

export function privateDnsLocationNotGlobal(resourceId: string, location: string): ArmError {
  return new ArmError(400, {
    code: 'InvalidLocation',
    message: `The location '${location}' is not valid for ${resourceId}: Private DNS zones and their virtual network links are global resources (location 'global').`,
    target: 'location',
  });
}

export function recordsOfAnotherType(recordType: string, field: string): ArmError {
  return new ArmError(400, {
    code: 'InvalidRecordSetRecords',
    message: `A record set of type ${recordType} can't carry properties.${field}.`,
    target: `properties.${field}`,
  });
}

export function invalidRecordAddress(field: string, value: unknown, version: 'IPv4' | 'IPv6'): ArmError {
  return new ArmError(400, {
    code: 'InvalidRecordSetRecords',
    message: `${field}: ${JSON.stringify(value)} is not an ${version} address.`,
    target: field,
  });
}

export function invalidTtl(value: unknown): ArmError {
  return new ArmError(400, {
    code: 'InvalidRecordSetTtl',
    message: `properties.ttl: ${JSON.stringify(value)} must be an integer from 0 to 2147483647.`,
    target: 'properties.ttl',
  });
}

export function tooManyRecords(recordSetId: string, count: number): ArmError {
  return new ArmError(409, {
    code: 'RecordSetRecordLimitExceeded',
    message: `Record set ${recordSetId} would hold ${count} records; a Private DNS record set holds at most 20.`,
    target: recordSetId,
  });
}

export function autoRegisteredRecordSetReadOnly(recordSetId: string): ArmError {
  return new ArmError(400, {
    code: 'AutoRegisteredRecordSetReadOnly',
    message: `Record set ${recordSetId} was registered automatically through a virtual network link and can't be changed.`,
    target: recordSetId,
  });
}

export function virtualNetworkAlreadyLinked(zoneId: string, vnetId: string): ArmError {
  return new ArmError(409, {
    code: 'Conflict',
    message: `A virtual network cannot be linked to the same zone more than once: ${vnetId} is already linked to ${zoneId}.`,
    target: 'properties.virtualNetwork.id',
  });
}

export function zoneHasVirtualNetworkLinks(zoneId: string): ArmError {
  return new ArmError(409, {
    code: 'Conflict',
    message: `Private DNS zone ${zoneId} cannot be deleted while virtual network links to it exist; remove them first.`,
    target: zoneId,
  });
}
