import type { ActivityRef } from '../orchestrations/durableTasks';
import type { ReportResult } from './reportOutcomesContract';

export interface ReleaseReservationInput {
  runId: string;
  vnetId: string;
}

export interface ReleaseReservationResult {
  /** false: the VNet still exists (or exists again), so nothing was released */
  deleted: boolean;
  /** the prefixes given back (empty: it held none) */
  released: string[];
  report: ReportResult;
}

export const releaseReservationRef: ActivityRef<ReleaseReservationInput, ReleaseReservationResult> = {
  name: 'releaseReservation',
};
