/**
 * A template literal as one flat string. `${a} ${b}` is otherwise kept as a tree of
 * concatenations (32 bytes a node, plus the pieces), and a 5,000-spoke plan keeps a summary
 * per step and a message per finding, which the garbage collector then copies twice.
 * Array.prototype.join writes one sequential string.
 */
export function flat(strings: TemplateStringsArray, ...values: (string | number)[]): string {
  const parts: string[] = [strings[0] ?? ''];
  values.forEach((value, i) => {
    parts.push(String(value), strings[i + 1] ?? '');
  });
  return parts.join('');
}
