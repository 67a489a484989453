import type { OrchestrationContext, Task } from 'durable-functions';
import { whenAny } from './durableTasks';

export const APPROVE_EVENT = 'approve';
export const REJECT_EVENT = 'reject';

export type ApprovalDecision = 'approved' | 'rejected' | 'timedOut';

/**
 * A reviewer's approve or reject, raced against a durable timer. The timer is
 * cancelled once a decision arrives, so a decided run doesn't linger until it fires.
 */
export function* awaitApproval(
  ctx: OrchestrationContext,
  timeoutMinutes: number,
): Generator<Task, ApprovalDecision, unknown> {
  const deadline = new Date(ctx.df.currentUtcDateTime.getTime() + timeoutMinutes * 60_000);
  const timer = ctx.df.createTimer(deadline);
  const approve = ctx.df.waitForExternalEvent(APPROVE_EVENT);
  const reject = ctx.df.waitForExternalEvent(REJECT_EVENT);
  const winner = yield* whenAny<unknown>(ctx, [approve, reject, timer]);
  if (winner !== timer) timer.cancel();
  return winner === approve ? 'approved' : winner === reject ? 'rejected' : 'timedOut';
}

/** How a run that was not approved ends: nothing was written. Undefined when it was approved. */
export function approvalRefusal(
  decision: ApprovalDecision,
): { outcome: 'rejected' | 'approvalTimedOut'; message: string } | undefined {
  if (decision === 'rejected')
    return { outcome: 'rejected', message: 'rejected by a reviewer; nothing was written' };
  if (decision === 'timedOut')
    return { outcome: 'approvalTimedOut', message: 'no approval in time; nothing was written' };
  return undefined;
}
