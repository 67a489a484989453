/**
 * A resource exactly as ARM's GET returns it. Topology files, the emulator's
 * store and the planner's input all use this one shape, so an export from
 * `az resource show` or Resource Graph can be loaded as it is.
 */
export interface ArmResource {
  id: string;
  name: string;
  type: string;
  location?: string;
  tags?: Record<string, string>;
  etag?: string;
  sku?: { name?: string; tier?: string };
  zones?: string[];
  properties?: Record<string, unknown>;
}
