import type { Json } from '../store/subResources';
import { isRecord } from '../store/subResources';

/** Sets each absent key of `target` to its default, the way ARM echoes defaulted properties in responses. */
export function fillDefaults(target: Json, defaults: Json): void {
  for (const [k, v] of Object.entries(defaults)) {
    if (target[k] === undefined) target[k] = structuredClone(v);
    else if (isRecord(v) && isRecord(target[k])) fillDefaults(target[k], v);
  }
}
