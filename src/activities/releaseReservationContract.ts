import type { ActivityRef } from '../orchestrations/durableTasks';
import type { ReportResult } from './reportOutcomesContract';

export interface ReleaseReservationInput {
  runId: string;
  vnetId: string;
  /**
   * Set by a rollback: release once the VNet no longer carries this prefix (it still exists).
   * Absent: release only when the VNet is gone (a delete event).
   */
  rolledBackPrefix?: string;
  /** The configured IPAM pool (config ipamPoolId): a deleted VNet's block is its static CIDR there, not a ledger row. */
  ipamPoolId?: string;
}

export interface ReleaseReservationResult {
  /** false: the VNet still exists (or exists again) */
  deleted: boolean;
  /** the prefixes given back (empty: it held none, or still uses them) */
  released: string[];
  report: ReportResult;
}

export const releaseReservationRef: ActivityRef<ReleaseReservationInput, ReleaseReservationResult> = {
  name: 'releaseReservation',
};
