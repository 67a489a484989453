import type { OrchestrationContext, Task } from 'durable-functions';
import type { RunSummary } from '../monitor/changeRows';
import { whenAny } from './durableTasks';

export const APPROVE_EVENT = 'approve';
export const REJECT_EVENT = 'reject';

export type ApprovalDecision = 'approved' | 'rejected' | 'timedOut' | 'notRequired';

/** Who decided: the caller's principal as App Service Authentication passed it, or the key they used. */
export interface Approver {
  /** UPN, e-mail or app name; 'function key' when no principal came with the request */
  name: string;
  /** the identity provider's id for the caller (Entra object id) */
  id?: string;
  identityProvider?: string;
  source: 'appServiceAuth' | 'functionKey';
}

/** The data of an approve/reject event, as the HTTP API raises it. */
export interface DecisionEvent {
  by: Approver;
  comment?: string;
  /** ISO: when the API took the decision */
  at: string;
}

/** How a run's approval went, in its status and (decision, by) in its summary row. */
export interface ApprovalRecord {
  decision: ApprovalDecision;
  by?: Approver;
  comment?: string;
  /** ISO */
  at: string;
}

/** Whatever an older API version or a hand-raised event sent: only well-formed fields are kept. */
function decisionOf(data: unknown, decision: ApprovalDecision, fallbackAt: string): ApprovalRecord {
  const event = (typeof data === 'object' && data !== null ? data : {}) as Partial<DecisionEvent>;
  const by = event.by && typeof event.by.name === 'string' ? event.by : undefined;
  return {
    decision,
    ...(by ? { by } : {}),
    ...(typeof event.comment === 'string' ? { comment: event.comment } : {}),
    at: typeof event.at === 'string' ? event.at : fallbackAt,
  };
}

/**
 * A reviewer's approve or reject, raced against a durable timer. The timer is
 * cancelled once a decision arrives, so a decided run doesn't linger until it fires.
 */
export function* awaitApproval(
  ctx: OrchestrationContext,
  timeoutMinutes: number,
): Generator<Task, ApprovalRecord, unknown> {
  const deadline = new Date(ctx.df.currentUtcDateTime.getTime() + timeoutMinutes * 60_000);
  const timer = ctx.df.createTimer(deadline);
  const approve = ctx.df.waitForExternalEvent(APPROVE_EVENT);
  const reject = ctx.df.waitForExternalEvent(REJECT_EVENT);
  const winner = yield* whenAny<unknown>(ctx, [approve, reject, timer]);
  if (winner === timer) return { decision: 'timedOut', at: deadline.toISOString() };
  timer.cancel();
  const now = ctx.df.currentUtcDateTime.toISOString();
  return decisionOf(winner.result, winner === approve ? 'approved' : 'rejected', now);
}

/**
 * The approval step of a run that writes: waits for a decision when the run requires one (after
 * `waiting`, which shows the run waits); otherwise records that none was asked for, so the audit
 * trail never has a silent gap.
 */
export function* approvalOf(
  ctx: OrchestrationContext,
  approval: { required: boolean; timeoutMinutes: number },
  waiting: () => void = () => undefined,
): Generator<Task, ApprovalRecord, unknown> {
  if (approval.required) {
    waiting();
    return yield* awaitApproval(ctx, approval.timeoutMinutes);
  }
  return { decision: 'notRequired', at: ctx.df.currentUtcDateTime.toISOString() };
}

/** How a run that was not approved ends: nothing was written. Undefined when it may go on. */
export function approvalRefusal(
  record: ApprovalRecord,
): { outcome: 'rejected' | 'approvalTimedOut'; message: string } | undefined {
  if (record.decision === 'rejected')
    return {
      outcome: 'rejected',
      message: `rejected by ${record.by?.name ?? 'a reviewer'}; nothing was written`,
    };
  if (record.decision === 'timedOut')
    return { outcome: 'approvalTimedOut', message: 'no approval in time; nothing was written' };
  return undefined;
}

/** The summary row's approval columns: empty for a run that stopped before asking. */
export function approvalColumns(
  record: ApprovalRecord | undefined,
): Pick<RunSummary, 'decision' | 'decidedBy' | 'decidedById'> {
  if (!record) return {};
  return {
    decision: record.decision,
    ...(record.by ? { decidedBy: record.by.name } : {}),
    ...(record.by?.id ? { decidedById: record.by.id } : {}),
  };
}
