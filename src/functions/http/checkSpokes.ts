import { parseResourceId } from '../../arm/resourceId';
import type { ApiDeps } from './ApiDeps';
import { ApiError } from './validateBody';

/** Requested spokes must be VNets in the configured scope that exist; the first offender is named. */
export async function checkSpokes(deps: ApiDeps, spokes: string[] | undefined): Promise<void> {
  if (!spokes) return;
  const subscriptions = new Set(deps.config.scope.subscriptions.map((s) => s.toLowerCase()));
  for (const [i, id] of spokes.entries()) {
    const parsed = parseResourceId(id);
    if (!parsed || !subscriptions.has(parsed.subscriptionId.toLowerCase())) {
      throw new ApiError(
        400,
        'SpokeOutOfScope',
        `spokes[${i}]: ${id} is not in the configured subscriptions`,
        `spokes[${i}]`,
      );
    }
    if (id.toLowerCase() === deps.config.hubVnetId.toLowerCase()) {
      throw new ApiError(
        400,
        'HubIsNotASpoke',
        `spokes[${i}]: ${id} is the hub; the hub always goes first`,
        `spokes[${i}]`,
      );
    }
  }
  const exists = await Promise.all(spokes.map((id) => deps.vnetExists(id)));
  const missing = exists.indexOf(false);
  if (missing >= 0) {
    throw new ApiError(
      404,
      'SpokeNotFound',
      `spokes[${missing}]: ${spokes[missing]} does not exist`,
      `spokes[${missing}]`,
    );
  }
}
