import type { ArmResource } from '../arm/ArmResource';
import type { Json } from './json';
import { obj, objs, str } from './json';
import { samePrefix } from './prefixes';

/**
 * Private DNS record sets carry string metadata: Dualstack notes there which AAAA addresses it
 * added (rollback takes exactly those) and that it created the set (rollback deletes it once empty).
 */
export const ADDED_METADATA = 'dualstackAddedIpv6';
export const CREATED_METADATA = 'dualstackCreated';
export const AAAA_RECORDS = 'aaaaRecords';
/** A Private DNS record set holds at most 20 records. */
export const MAX_RECORDS_PER_SET = 20;

export function sameAddress(a: string, b: string): boolean {
  return samePrefix(`${a}/128`, `${b}/128`);
}

/** The addresses of an AAAA record set's records. */
export function aaaaAddresses(body: ArmResource | Json): string[] {
  return objs(obj(body.properties)?.[AAAA_RECORDS]).flatMap((r) => {
    const a = str(r.ipv6Address);
    return a ? [a] : [];
  });
}

/** The addresses a set's metadata says Dualstack added. */
export function addedByDualstack(body: ArmResource | Json): string[] {
  const note = str(obj(obj(body.properties)?.metadata)?.[ADDED_METADATA]);
  return note ? note.split(' ').filter((a) => a.length > 0) : [];
}

/** The metadata with `addresses` as Dualstack's note (the key left out when there are none). */
export function withAddedNote(metadata: Json | undefined, addresses: string[]): Json {
  const { [ADDED_METADATA]: _old, ...rest } = metadata ?? {};
  return addresses.length > 0 ? { ...rest, [ADDED_METADATA]: addresses.join(' ') } : rest;
}

/** True when the set is empty and nothing but Dualstack's own notes mark it: Dualstack created it and may delete it. */
export function isEmptyDualstackSet(body: ArmResource): boolean {
  const p = obj(body.properties) ?? {};
  const metadata = obj(p.metadata) ?? {};
  return (
    aaaaAddresses(body).length === 0 &&
    metadata[CREATED_METADATA] === 'true' &&
    Object.keys(metadata).every((k) => k === CREATED_METADATA || k === ADDED_METADATA)
  );
}

/** The body of an AAAA record set Dualstack creates: the A set's TTL, and the note that it is Dualstack's. */
export function newAaaaRecordSet(id: string, ttl: number): ArmResource {
  return {
    id,
    name: id.split('/').at(-1) ?? '',
    type: 'Microsoft.Network/privateDnsZones/AAAA',
    properties: { ttl, metadata: { [CREATED_METADATA]: 'true' } },
  };
}

/** An AAAA record to add: its address, or whose address it will be once that ip configuration exists. */
export function aaaaText(a: { ipConfigurationId: string; address?: string }): string {
  const [nic, , config] = a.ipConfigurationId.split('/').slice(-3);
  return a.address ?? `IPv6 of ${nic ?? ''}/${config ?? ''}`;
}
