/**
 * A deterministic `W/"<guid>"` etag derived from a key (usually the resource id),
 * so seeded topologies are byte-identical between runs and the planner's
 * "etag it was planned against" is stable in tests.
 */
export function etagFor(key: string): string {
  // Two FNV-1a passes with different offsets give 64 bits; mixing them fills the 128-bit guid.
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ key.length;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x000193a5);
  }
  const words = [a, b, Math.imul(a ^ (b >>> 7), 0x9e3779b1), Math.imul(b ^ (a >>> 11), 0x85ebca6b)];
  const hex = words.map((w) => (w >>> 0).toString(16).padStart(8, '0')).join('');
  // Version-4 shaped so tools that validate guids accept it.
  return `W/"${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}"`;
}
