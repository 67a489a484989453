/** Why an event was dropped before any work: each has its own counter and log line. */
export type DropReason = 'outOfScope' | 'foreignTenant' | 'ownWrite';

export type RouteDecision =
  /** reconcile this VNet (a spoke, or the hub's own side) */
  | { action: 'reconcile'; vnetId: string; resourceId: string }
  /** the VNet was deleted: give back its IPv6 reservation */
  | { action: 'release'; vnetId: string; resourceId: string }
  /** a resource whose VNet only a read can tell (NIC, load balancer, route table, NSG, a hub peering) */
  | { action: 'resolve'; resourceId: string }
  | { action: 'drop'; reason: DropReason; detail: string }
  | { action: 'ignore'; reason: string }
  | { action: 'reject'; reason: string };

export type RouteAction = RouteDecision['action'];
