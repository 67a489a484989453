import type { DurableClientLike } from '../../orchestrations/DurableClientLike';
import type { ReconcileSpokeInput } from '../../orchestrations/reconcileSpoke';
import type { RouteContext } from './routeResourceEvent';
import type { RouteCounters } from './RouteCounters';

/** What the Event Grid handler needs; Azure and the local stack each provide one (see eventGridDepsFor). */
export interface EventGridDeps {
  client: DurableClientLike;
  route: RouteContext;
  /** the VNets a NIC, load balancer, route table, NSG or hub peering belongs to (reads; empty when gone) */
  resolveVnets(resourceId: string): Promise<string[]>;
  reconcileInput(vnetId: string, trigger: ReconcileSpokeInput['trigger']): ReconcileSpokeInput;
  counters: RouteCounters;
  log(level: 'info' | 'warn', message: string): void;
}
