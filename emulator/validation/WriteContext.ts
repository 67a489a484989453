import type { ArmResource } from '../../src/arm/ArmResource';

/** Read access to the emulator's store: top-level resources only, children inline as ARM GET returns them. */
export interface ResourceReader {
  /** Case-insensitive lookup of a top-level resource id. */
  get(id: string): ArmResource | undefined;
  /** Top-level resources of one type (case-insensitive, e.g. 'Microsoft.Network/virtualNetworks'). */
  ofType(type: string): ArmResource[];
  /**
   * Top-level resources that hold a `{ id }` reference to exactly `id` (not counting their own children).
   * Optional: with it, pool-membership and peering checks cost O(references) instead of a scan of every
   * NIC or VNet, which matters once an estate has thousands of them.
   */
  referencing?(id: string): ArmResource[];
}

/** What a validator sees for one PUT of a top-level resource (a child PUT is first merged into its parent). */
export interface WriteContext {
  store: ResourceReader;
  /** The resource as it will be stored if the write is accepted: children merged, ids filled in. */
  resource: ArmResource;
  /** The stored resource before this write, if it existed. */
  existing: ArmResource | undefined;
}
