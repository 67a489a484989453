import type { ActivityRef } from '../orchestrations/durableTasks';
import type { PlanRef } from './RunStore';

export interface ReservePrefixesInput {
  runId: string;
  /** the /56s to hold; or */
  reservations?: { vnetId: string; prefix: string }[];
  /** the stored plan whose reservations to hold (a run's history carries no list that grows with the estate) */
  plan?: PlanRef;
}

/** The prefixes actually held; a difference from the request means another run got there first. */
export interface ReservePrefixesResult {
  held: { vnetId: string; prefix: string }[];
  conflicts: { vnetId: string; wanted: string; held: string }[];
}

export const reservePrefixesRef: ActivityRef<ReservePrefixesInput, ReservePrefixesResult> = {
  name: 'reservePrefixes',
};
