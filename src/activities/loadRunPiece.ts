import { activityServices } from './ActivityServices';
import type { RunPiece } from './planPieces';
import type { LoadRunPieceInput } from './runStoreContract';

const MIGRATED = new Set(['succeeded', 'noChanges']);

/**
 * One execution's piece of the stored plan. A hub-side sync or shared resource that
 * waits for VNets of earlier pieces runs only if those finished migrated (as recorded);
 * otherwise it is left out, for a re-run, as the run leaves any step whose
 * dependencies never land.
 */
export async function loadRunPiece(input: LoadRunPieceInput): Promise<RunPiece> {
  const { runs } = activityServices();
  const piece = await runs.piece(input.plan, input.piece);
  const waiting = piece.steps.some((s) => s.outsideVnets !== undefined);
  const recorded = waiting ? await runs.recordedVnets(input.plan.runId) : [];
  const migrated = new Set(recorded.filter((v) => MIGRATED.has(v.state)).map((v) => v.vnetId.toLowerCase()));
  const steps = piece.steps.flatMap(({ outsideVnets, ...step }) =>
    (outsideVnets ?? []).every((v) => migrated.has(v.toLowerCase())) ? [step] : [],
  );
  return { ...piece, steps };
}
