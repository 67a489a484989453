import * as crypto from 'node:crypto';
import { idKey } from '../../arm/resourceId';

/** One-shot hashing (Node ≥ 20.12) costs a fraction of a Hash object per spoke; older Node 20 lacks it. */
function sha1(text: string): Buffer {
  return typeof crypto.hash === 'function'
    ? crypto.hash('sha1', text, 'buffer')
    : crypto.createHash('sha1').update(text).digest();
}

/**
 * Where a new spoke's /56 goes first: a hash of its lower-cased id into slots 1..count-1
 * (slot 0 is the hub's). Hashing, not "next free in sorted order", so that adding or
 * removing one spoke can't shift every spoke after it; a collision probes linearly.
 */
export function preferredSlot(vnetId: string, count: bigint): bigint {
  if (count <= 1n) return 0n;
  return (sha1(idKey(vnetId)).readBigUInt64BE(0) % (count - 1n)) + 1n;
}
