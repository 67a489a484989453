import { createHash } from 'node:crypto';
import { formatCidr } from '../../arm/cidr';
import { idKey } from '../../arm/resourceId';

/**
 * RFC 4193 ULA /48 (fd00::/8 + 40-bit global id) derived from the hub id. RFC 4193 asks
 * for a random global id; we hash the lower-cased hub id instead so that every plan of
 * the same estate gets the same pool without storing anything (SHA-1 as RFC 4193 §3.2.2 does).
 */
export function derivePool(hubVnetId: string): string {
  const digest = createHash('sha1').update(idKey(hubVnetId)).digest();
  let globalId = 0n;
  for (let i = 0; i < 5; i++) globalId = (globalId << 8n) | BigInt(digest[digest.length - 5 + i] ?? 0);
  const network = (0xfdn << 120n) | (globalId << 80n);
  return formatCidr({ version: 'IPv6', network, length: 48 });
}
