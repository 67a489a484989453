import type { ChangeRow, RunKind } from './ChangeRow';

/** Structurally the orchestrations' StepOutcome; kept local so reporting doesn't depend on orchestration internals. */
export interface StepOutcomeLike {
  stepId: string;
  resourceId: string;
  kind: string;
  outcome: string;
  attempts: number;
  durationMs: number;
  ipv6Prefixes: readonly string[];
  errorCode?: string;
  message?: string;
  /** ISO; when absent the row carries `StepRowsInput.at` */
  finishedAt?: string;
}

export interface StepRowsInput {
  runId: string;
  runKind: RunKind;
  /** The VNet (hub or spoke) whose migration ran these steps. */
  vnetId: string;
  /** 'hub' leaves SpokeVnetId empty so the hub isn't counted as a spoke. Default 'spoke'. */
  role?: 'hub' | 'spoke';
  outcomes: readonly StepOutcomeLike[];
  /** ISO time for outcomes that carry none (the activity's clock). */
  at: string;
}

export interface RunSummary {
  runId: string;
  runKind: RunKind;
  outcome: string;
  stepsTotal: number;
  stepsSucceeded: number;
  stepsFailed: number;
  stepsSkipped?: number;
  changes: number;
  lostRows: number;
  /** ISO */
  finishedAt: string;
  spokesTotal?: number;
  spokesDualStack?: number;
  spokesPending?: number;
  spokesFailed?: number;
  driftCount?: number;
  /** approved | rejected | timedOut | notRequired: the run's approval, once decided */
  decision?: string;
  /** who approved or rejected: the caller's principal name, or 'function key' */
  decidedBy?: string;
  /** the caller's object id (Entra), when App Service Authentication passed one */
  decidedById?: string;
}

const ACTION_BY_RUN_KIND: Record<RunKind, string> = {
  migration: 'addIpv6',
  remediation: 'addIpv6',
  drift: 'detectDrift',
  rollback: 'removeIpv6',
};

/** The planner's step kinds are resource kinds except for peering syncs. */
function resourceKind(stepKind: string): string {
  return stepKind === 'peeringSync' ? 'virtualNetworkPeering' : stepKind;
}

function action(stepKind: string, runKind: RunKind): string {
  return stepKind === 'peeringSync' && runKind !== 'drift' ? 'syncPeering' : ACTION_BY_RUN_KIND[runKind];
}

/** One row per step outcome, in the order given. */
export function stepRows(input: StepRowsInput): ChangeRow[] {
  return input.outcomes.map((o) => {
    const row: ChangeRow = {
      TimeGenerated: o.finishedAt ?? input.at,
      RunId: input.runId,
      RunKind: input.runKind,
      RowType: 'step',
      SpokeVnetId: input.role === 'hub' ? '' : input.vnetId,
      VnetId: input.vnetId,
      ResourceId: o.resourceId,
      ResourceKind: resourceKind(o.kind),
      Action: action(o.kind, input.runKind),
      Outcome: o.outcome,
      ErrorCode: o.errorCode ?? '',
      Message: o.message ?? '',
      DurationMs: Math.max(0, Math.round(o.durationMs)),
      Retries: Math.max(0, o.attempts - 1),
      Ipv6Prefix: o.ipv6Prefixes[0] ?? '',
      Ipv6Prefixes: [...o.ipv6Prefixes],
    };
    return row;
  });
}

/** The one summary row a run sends when it finishes. */
export function summaryRow(s: RunSummary): ChangeRow {
  const row: ChangeRow = {
    TimeGenerated: s.finishedAt,
    RunId: s.runId,
    RunKind: s.runKind,
    RowType: 'summary',
    Outcome: s.outcome,
    StepsTotal: s.stepsTotal,
    StepsSucceeded: s.stepsSucceeded,
    StepsFailed: s.stepsFailed,
    Changes: s.changes,
    LostRows: s.lostRows,
  };
  const optional: [keyof ChangeRow, number | string | undefined][] = [
    ['StepsSkipped', s.stepsSkipped],
    ['SpokesTotal', s.spokesTotal],
    ['SpokesDualStack', s.spokesDualStack],
    ['SpokesPending', s.spokesPending],
    ['SpokesFailed', s.spokesFailed],
    ['DriftCount', s.driftCount],
    ['Decision', s.decision],
    ['DecidedBy', s.decidedBy],
    ['DecidedById', s.decidedById],
  ];
  for (const [column, value] of optional) if (value !== undefined) Object.assign(row, { [column]: value });
  return row;
}
