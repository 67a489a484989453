import type { EstateStatus, VnetSummary } from './migrateEstate';

/**
 * Azure keeps an orchestration's custom status only up to 16 KB of JSON; past that
 * setCustomStatus fails the orchestration. The status stays well inside it.
 */
export const CUSTOM_STATUS_MAX_CHARS = 12_000;
/** blockers and failure messages shown in the status; the rest are counted */
const MAX_BLOCKERS = 10;
const MAX_MESSAGE_CHARS = 300;

export type VnetCounts = Record<VnetSummary['state'], number>;

export function countVnets(vnets: readonly VnetSummary[], base?: VnetCounts): VnetCounts {
  const counts: VnetCounts = base
    ? { ...base }
    : { pending: 0, running: 0, succeeded: 0, failed: 0, skipped: 0, noChanges: 0 };
  for (const v of vnets) counts[v.state] += 1;
  return counts;
}

/** Running and failed VNets first: they are what someone watching a run wants to see. */
const ORDER: Record<VnetSummary['state'], number> = {
  running: 0,
  failed: 1,
  skipped: 2,
  succeeded: 3,
  pending: 4,
  noChanges: 5,
};

function shortened(v: VnetSummary): VnetSummary {
  const failed = v.failedStep;
  if (!failed || failed.message.length <= MAX_MESSAGE_CHARS) return v;
  return { ...v, failedStep: { ...failed, message: `${failed.message.slice(0, MAX_MESSAGE_CHARS)}…` } };
}

/**
 * The run's status as published: with `vnetCounts` over the whole run (earlier
 * executions' VNets included), and as many VNets as fit (running and failed first);
 * `vnetsOmitted` says how many were left out. Every VNet's state is in the run store,
 * and GET /api/migrations/{id} merges it back.
 */
export function boundedStatus(status: EstateStatus, counts: VnetCounts): EstateStatus {
  const plan = status.plan;
  const blockers = plan?.blockers ?? [];
  const full: EstateStatus = {
    ...status,
    ...(plan && blockers.length > MAX_BLOCKERS
      ? {
          plan: {
            ...plan,
            blockers: blockers.slice(0, MAX_BLOCKERS),
            blockersOmitted: blockers.length - MAX_BLOCKERS,
          },
        }
      : {}),
    vnetCounts: counts,
  };
  // This execution's VNets are listed; an earlier execution's are only counted.
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  let size = JSON.stringify({ ...full, vnets: [], vnetsOmitted: total }).length;
  const omitted = (shown: number): Partial<EstateStatus> =>
    total > shown ? { vnetsOmitted: total - shown } : {};
  if (size + JSON.stringify(status.vnets).length <= CUSTOM_STATUS_MAX_CHARS)
    return { ...full, ...omitted(status.vnets.length) };
  const shown: VnetSummary[] = [];
  const ranked = status.vnets.map(shortened).sort((a, b) => ORDER[a.state] - ORDER[b.state]);
  for (const v of ranked) {
    const cost = JSON.stringify(v).length + 1;
    if (size + cost > CUSTOM_STATUS_MAX_CHARS) break;
    size += cost;
    shown.push(v);
  }
  return { ...full, vnets: shown, ...omitted(shown.length) };
}
