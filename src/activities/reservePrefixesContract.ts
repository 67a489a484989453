import type { ActivityRef } from '../orchestrations/durableTasks';

export interface ReservePrefixesInput {
  runId: string;
  reservations: { vnetId: string; prefix: string }[];
}

/** The prefixes actually held; a difference from the request means another run got there first. */
export interface ReservePrefixesResult {
  held: { vnetId: string; prefix: string }[];
  conflicts: { vnetId: string; wanted: string; held: string }[];
}

export const reservePrefixesRef: ActivityRef<ReservePrefixesInput, ReservePrefixesResult> = {
  name: 'reservePrefixes',
};
