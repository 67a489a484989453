import { compareIgnoreCase } from './compareIgnoreCase';

/** `a.toLowerCase() === b.toLowerCase()`, without making either lower-cased string. */
export function equalsIgnoreCase(a: string, b: string): boolean {
  return a === b || compareIgnoreCase(a, b) === 0;
}
