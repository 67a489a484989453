import type { RecordSet } from '@azure/arm-privatedns';
import type { ArmResource } from '../arm/ArmResource';
import { DualstackError } from './DualstackError';

/** The properties of a Private DNS record set (2020-06-01), flattened onto the SDK model as they are. */
const RECORD_SET_PROPERTIES = new Set([
  'metadata',
  'ttl',
  'fqdn',
  'isAutoRegistered',
  'aRecords',
  'aaaaRecords',
  'cnameRecord',
  'mxRecords',
  'ptrRecords',
  'soaRecord',
  'srvRecords',
  'txtRecords',
]);
const ENVELOPE = new Set(['id', 'name', 'type', 'etag', 'properties']);

/**
 * Wire JSON -> the @azure/arm-privatedns RecordSet model (its `properties` are flattened onto it).
 * That SDK bundles its mappers where wireModel can't load them; the record set is flat and small,
 * so the mapping is spelt out, and like toSdkModel it refuses (terminal 'UnmappedProperties') a
 * body with a field the model can't carry: a full PUT would silently reset it.
 */
export function recordSetModel(body: ArmResource): RecordSet {
  const properties = body.properties ?? {};
  const lost = [
    ...Object.keys(body).filter((k) => !ENVELOPE.has(k)),
    ...Object.keys(properties)
      .filter((k) => !RECORD_SET_PROPERTIES.has(k))
      .map((k) => `properties.${k}`),
  ];
  if (lost.length > 0) {
    throw new DualstackError({
      code: 'UnmappedProperties',
      detail: `the RecordSet body of ${body.id} has fields the api-version 2020-06-01 SDK model cannot carry: ${lost.join(', ')}`,
      retryable: false,
      resourceId: body.id,
    });
  }
  return { ...(body.etag !== undefined ? { etag: body.etag } : {}), ...properties };
}
