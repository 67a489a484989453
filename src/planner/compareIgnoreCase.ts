function byLowerCase(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * The order of `a.toLowerCase()` and `b.toLowerCase()` (UTF-16 code units, as `<` compares),
 * without making either lower-cased string: a plan compares ids and names hundreds of
 * thousands of times. ASCII is compared by character code; the first non-ASCII character
 * hands over to toLowerCase, whose Unicode mappings (some change the length) this does not repeat.
 */
export function compareIgnoreCase(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) {
      if (x > 127) return byLowerCase(a, b);
      continue;
    }
    if (x > 127 || y > 127) return byLowerCase(a, b);
    if (x >= 65 && x <= 90) x += 32;
    if (y >= 65 && y <= 90) y += 32;
    if (x !== y) return x - y;
  }
  // Equal ASCII heads: the shorter lower-cases to a head of the longer (no character lower-cases to nothing).
  return a.length - b.length;
}
