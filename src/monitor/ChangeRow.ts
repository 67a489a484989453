import type { ColumnType } from './StreamSchema';

export type RunKind = 'migration' | 'remediation' | 'drift' | 'rollback';
export type RowType = 'step' | 'summary';

/**
 * One row of DualStackChanges_CL as the reporter sends it. Property names are
 * the table's column names; `CHANGE_ROW_COLUMNS` below ties each one to its
 * column type and a test ties that map to dualStackChangesSchema.json.
 */
export interface ChangeRow {
  /** ISO-8601 UTC */
  TimeGenerated: string;
  RunId: string;
  RunKind: RunKind;
  RowType: RowType;
  SpokeVnetId?: string;
  VnetId?: string;
  ResourceId?: string;
  ResourceKind?: string;
  Action?: string;
  Outcome?: string;
  ErrorCode?: string;
  Message?: string;
  DurationMs?: number;
  Retries?: number;
  Ipv6Prefix?: string;
  Ipv6Prefixes?: string[];
  StepsTotal?: number;
  StepsSucceeded?: number;
  StepsFailed?: number;
  StepsSkipped?: number;
  Changes?: number;
  LostRows?: number;
  SpokesTotal?: number;
  SpokesDualStack?: number;
  SpokesPending?: number;
  SpokesFailed?: number;
  DriftCount?: number;
  Decision?: string;
  DecidedBy?: string;
  DecidedById?: string;
}

/** The compiler requires an entry for every ChangeRow property, so the interface can't gain a column the schema lacks. */
export const CHANGE_ROW_COLUMNS: { readonly [K in keyof Required<ChangeRow>]: ColumnType } = {
  TimeGenerated: 'datetime',
  RunId: 'string',
  RunKind: 'string',
  RowType: 'string',
  SpokeVnetId: 'string',
  VnetId: 'string',
  ResourceId: 'string',
  ResourceKind: 'string',
  Action: 'string',
  Outcome: 'string',
  ErrorCode: 'string',
  Message: 'string',
  DurationMs: 'long',
  Retries: 'int',
  Ipv6Prefix: 'string',
  Ipv6Prefixes: 'dynamic',
  StepsTotal: 'int',
  StepsSucceeded: 'int',
  StepsFailed: 'int',
  StepsSkipped: 'int',
  Changes: 'int',
  LostRows: 'long',
  SpokesTotal: 'int',
  SpokesDualStack: 'int',
  SpokesPending: 'int',
  SpokesFailed: 'int',
  DriftCount: 'int',
  Decision: 'string',
  DecidedBy: 'string',
  DecidedById: 'string',
};
