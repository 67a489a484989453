import type { VnetSummary } from '../../orchestrations/migrateEstate';
import type { ApiDeps } from './ApiDeps';

/**
 * Every VNet of a run. A run that fit one execution lists them all in its status and
 * result; a longer one lists only some (its current or last piece, within the status
 * bound) and keeps every VNet in the run store: the listed ones, newer, win.
 */
export async function runVnets(
  deps: Pick<ApiDeps, 'recordedVnets'>,
  runId: string | undefined,
  listed: VnetSummary[],
  complete: boolean,
): Promise<VnetSummary[]> {
  if (complete || !runId) return listed;
  const newer = new Map(listed.map((v) => [v.vnetId.toLowerCase(), v]));
  const recorded = await deps.recordedVnets(runId);
  const merged = recorded.map((v) => newer.get(v.vnetId.toLowerCase()) ?? v);
  const known = new Set(recorded.map((v) => v.vnetId.toLowerCase()));
  return [...merged, ...listed.filter((v) => !known.has(v.vnetId.toLowerCase()))];
}
