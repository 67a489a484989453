import type { DurableClientLike } from '../../orchestrations/DurableClientLike';
import type { Plan } from '../../planner/Plan';
import type { RolloutSettings, VnetSummary } from '../../orchestrations/migrateEstate';

/** What the HTTP handlers need; Azure and the local stack each provide one. */
export interface ApiDeps {
  client: DurableClientLike;
  /** the planner configuration (JSON) the app settings describe */
  config: { hubVnetId: string; scope: { subscriptions: string[] } } & Record<string, unknown>;
  /** approval and rollout defaults when a request leaves them out */
  defaults: { approval: { required: boolean; timeoutMinutes: number }; rollout: RolloutSettings };
  plan(onlyVnetIds: string[] | undefined): Promise<Plan>;
  /** the rollback plan for these VNets (all Dualstack holds reservations for when undefined) */
  planRollback(vnetIds: string[] | undefined): Promise<Plan>;
  /**
   * The ones among these virtual networks that exist, as id keys (lower case). A few are read one GET
   * each; more take one paged list per subscription, so a long list never becomes thousands of reads.
   */
  existingVnets(vnetIds: string[]): Promise<Set<string>>;
  /** every VNet of a migration run as its run store holds them (none for runs that stored none) */
  recordedVnets(runId: string): Promise<VnetSummary[]>;
  /** the time a run is started, for its run id (handlers may read the clock; orchestrators may not) */
  now(): Date;
}
