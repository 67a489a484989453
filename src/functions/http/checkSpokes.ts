import { parseResourceId } from '../../arm/resourceId';
import type { ApiDeps } from './ApiDeps';
import { ApiError } from './validateBody';

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
    if (!parsed || !subscriptions.has(parsed.subscriptionId.toLowerCase())) {
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
  const exists = await Promise.all(spokes.map((id) => deps.vnetExists(id)));
  const missing = exists.indexOf(false);
  if (missing >= 0) {
    throw new ApiError(
      404,
      'SpokeNotFound',
      `${field}[${missing}]: ${spokes[missing]} does not exist`,
      `${field}[${missing}]`,
    );
  }
}
