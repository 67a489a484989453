/**
 * `a.toLowerCase() === b.toLowerCase()` without making either lower-cased string: names and
 * versions are compared hundreds of thousands of times per plan. ASCII is compared by
 * character code; the first non-ASCII character hands over to toLowerCase, whose Unicode
 * mappings (some change the length) this does not repeat.
 */
export function equalsIgnoreCase(a: string, b: string): boolean {
  if (a === b) return true;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x > 127 || y > 127) return a.toLowerCase() === b.toLowerCase();
    if (x === y) continue;
    if (x >= 65 && x <= 90) x += 32;
    if (y >= 65 && y <= 90) y += 32;
    if (x !== y) return false;
  }
  // Equal ASCII heads: the lower-cased strings differ unless what is left of the longer one lower-cases to nothing.
  for (let i = n; i < a.length; i++) if (a.charCodeAt(i) > 127) return a.toLowerCase() === b.toLowerCase();
  for (let i = n; i < b.length; i++) if (b.charCodeAt(i) > 127) return a.toLowerCase() === b.toLowerCase();
  return a.length === b.length;
}
