import { parentResourceId } from '../arm/resourceId';
import type { RunStep } from '../activities/RunPlan';

/**
 * The VNet (lower-cased id) a step writes: the VNet itself or one of its children,
 * such as its side of a peering. Azure holds that VNet for the whole operation,
 * and a NIC or load balancer joining one of its subnets meanwhile is refused
 * (429 RetryableError, ReferencedResourceNotProvisioned).
 */
export function locksVnet(step: RunStep): string | undefined {
  if (step.vnetId === undefined) return undefined;
  const vnet = step.vnetId.toLowerCase();
  const id = step.resourceId.toLowerCase();
  return id === vnet || parentResourceId(id).toLowerCase() === vnet ? vnet : undefined;
}
