import { idKey } from '../arm/resourceId';

/**
 * `idKey` without its trailing-slash regex for the usual id that has none:
 * the loader keys hundreds of thousands of ids in a large estate.
 */
export function topologyKey(id: string): string {
  return id.endsWith('/') ? idKey(id) : id.toLowerCase();
}
