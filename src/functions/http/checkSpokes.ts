import type { ResourceId } from '../../arm/resourceId';
import { hasResolvableNames, idKey, parseResourceId } from '../../arm/resourceId';
import type { ApiDeps } from './ApiDeps';
import { ApiError } from './validateBody';

function isVnetId(parsed: ResourceId): boolean {
  return parsed.type.toLowerCase() === 'microsoft.network/virtualnetworks' && hasResolvableNames(parsed);
}

/**
 * Requested spokes must be VNets in the configured scope that exist; the first
 * offender is named by its field (`spokes[2]`, `rollout.canaryVnetIds[0]`).
 */
export async function checkSpokes(
  deps: ApiDeps,
  spokes: string[] | undefined,
  field = 'spokes',
): Promise<void> {
  if (!spokes) return;
  const subscriptions = new Set(deps.config.scope.subscriptions.map((s) => s.toLowerCase()));
  for (const [i, id] of spokes.entries()) {
    const parsed = parseResourceId(id);
    if (!parsed || !isVnetId(parsed)) {
      throw new ApiError(
        400,
        'InvalidVnetId',
        `${field}[${i}]: ${id.slice(0, 300)} is not a virtual network id ARM could resolve`,
        `${field}[${i}]`,
      );
    }
    if (!subscriptions.has(parsed.subscriptionId.toLowerCase())) {
      throw new ApiError(
        400,
        'SpokeOutOfScope',
        `${field}[${i}]: ${id} is not in the configured subscriptions`,
        `${field}[${i}]`,
      );
    }
    if (id.toLowerCase() === deps.config.hubVnetId.toLowerCase()) {
      throw new ApiError(
        400,
        'HubIsNotASpoke',
        `${field}[${i}]: ${id} is the hub; the hub always goes first`,
        `${field}[${i}]`,
      );
    }
  }
  const existing = await deps.existingVnets(spokes);
  const missing = spokes.findIndex((id) => !existing.has(idKey(id)));
  if (missing >= 0) {
    throw new ApiError(
      404,
      'SpokeNotFound',
      `${field}[${missing}]: ${spokes[missing]} does not exist`,
      `${field}[${missing}]`,
    );
  }
}
