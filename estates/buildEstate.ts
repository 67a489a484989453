import type { ArmResource } from '../src/arm/ArmResource';
import type { EstateLayout } from './TopologyLayout';
import type { BuildContext } from './builders/BuildContext';
import { hubResources } from './builders/hubResources';
import { spokeResources } from './builders/spokeResources';

/** Turns a layout into ARM resources: the hub first, then each spoke with its peering pair. */
export function buildEstate(
  ctx: BuildContext,
  layout: EstateLayout,
  options: { defaultSecurityRules: boolean },
): ArmResource[] {
  const out: ArmResource[] = [];
  const hub = hubResources(ctx, layout.hub, layout.onPremisesPrefix, out);
  const spokeOptions = {
    onPremisesPrefix: layout.onPremisesPrefix,
    defaultSecurityRules: options.defaultSecurityRules,
  };
  for (const spoke of layout.spokes) spokeResources(ctx, hub, spoke, spokeOptions, out);
  return out;
}
