import { DualstackError } from '../azure/DualstackError';
import { activityServices } from './ActivityServices';
import type { ReservePrefixesInput, ReservePrefixesResult } from './reservePrefixesContract';

/** Holds each new VNet's planned /56; idempotent per VNet (a re-run gets the same answers). */
export async function reservePrefixes(input: ReservePrefixesInput): Promise<ReservePrefixesResult> {
  const { reservations, runs } = activityServices();
  const held: ReservePrefixesResult['held'] = [];
  const conflicts: ReservePrefixesResult['conflicts'] = [];
  const wantedAll = input.plan ? (await runs.manifest(input.plan)).reservations : (input.reservations ?? []);
  for (const wanted of wantedAll) {
    let prefix: string;
    try {
      prefix = await reservations.reserve(wanted.vnetId, [wanted.prefix], { runId: input.runId });
    } catch (error) {
      // Another VNet holds the planned prefix: the plan is stale, which the run reports
      // as a conflict to re-plan rather than as a failure of the store.
      if (error instanceof DualstackError && error.code === 'PrefixesExhausted') {
        conflicts.push({ vnetId: wanted.vnetId, wanted: wanted.prefix, held: '' });
        continue;
      }
      throw error;
    }
    held.push({ vnetId: wanted.vnetId, prefix });
    if (prefix !== wanted.prefix)
      conflicts.push({ vnetId: wanted.vnetId, wanted: wanted.prefix, held: prefix });
  }
  return { held, conflicts };
}
