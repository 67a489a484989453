import { keyOf } from './ids';

/**
 * keyOf, remembered by the id as written: references to one resource (the pool every NIC of a
 * spoke joins) are lower-cased once and share one key string, whose hash is then computed once.
 */
export function keyCache(): (id: string) => string {
  const keys = new Map<string, string>();
  return (id) => {
    let key = keys.get(id);
    if (key === undefined) keys.set(id, (key = keyOf(id)));
    return key;
  };
}
