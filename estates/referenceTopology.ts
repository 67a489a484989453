import type { ArmResource } from '../src/arm/ArmResource';
import { buildEstate } from './buildEstate';
import { REFERENCE_LAYOUT, REFERENCE_LOCATION, REFERENCE_SUBSCRIPTION_ID } from './referenceLayout';

export { REFERENCE_LAYOUT } from './referenceLayout';

export interface ReferenceTopologyOptions {
  subscriptionId?: string;
  location?: string;
}

/** The reference topology as ARM GET returns it; a fresh copy on every call. */
export function referenceTopology(options: ReferenceTopologyOptions = {}): ArmResource[] {
  return buildEstate(
    {
      subscriptionId: options.subscriptionId ?? REFERENCE_SUBSCRIPTION_ID,
      location: options.location ?? REFERENCE_LOCATION,
    },
    REFERENCE_LAYOUT,
    { defaultSecurityRules: true },
  );
}
