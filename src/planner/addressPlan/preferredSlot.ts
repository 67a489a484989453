import { createHash } from 'node:crypto';
import { idKey } from '../../arm/resourceId';

/**
 * Where a new spoke's /56 goes first: a hash of its lower-cased id into slots 1..count-1
 * (slot 0 is the hub's). Hashing, not "next free in sorted order", so that adding or
 * removing one spoke can't shift every spoke after it; a collision probes linearly.
 */
export function preferredSlot(vnetId: string, count: bigint): bigint {
  if (count <= 1n) return 0n;
  const digest = createHash('sha1').update(idKey(vnetId)).digest();
  return (digest.readBigUInt64BE(0) % (count - 1n)) + 1n;
}
