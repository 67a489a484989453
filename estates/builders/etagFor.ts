const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex32(w: number): string {
  return (
    (HEX[(w >>> 24) & 255] ?? '') +
    (HEX[(w >>> 16) & 255] ?? '') +
    (HEX[(w >>> 8) & 255] ?? '') +
    (HEX[w & 255] ?? '')
  );
}

/**
 * A deterministic `W/"<guid>"` etag derived from a key (usually the resource id),
 * so seeded topologies are byte-identical between runs and the planner's
 * "etag it was planned against" is stable in tests.
 */
export function etagFor(key: string): string {
  // Two FNV-1a passes with different primes give 64 bits; mixing them fills the 128-bit guid.
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ key.length;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x000193a5);
  }
  const c = hex32(Math.imul(a ^ (b >>> 7), 0x9e3779b1));
  const d = hex32(Math.imul(b ^ (a >>> 11), 0x85ebca6b));
  const bh = hex32(b);
  // Version-4 shaped so tools that validate guids accept it.
  return `W/"${hex32(a)}-${bh.slice(0, 4)}-4${bh.slice(5)}-8${c.slice(1, 4)}-${c.slice(4)}${d}"`;
}
