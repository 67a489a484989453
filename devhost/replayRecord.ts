import { findRegisteredFunction } from './functionRegistry';
import type { InstanceRecord } from './InstanceRecord';
import { actionSignature, flattenActions } from './orchestratorActions';
import type { EpisodeState } from './runOrchestratorEpisode';
import { episodeRequest, runOrchestratorEpisode } from './runOrchestratorEpisode';

/** Result of replaying an instance's stored history once more (see `replay`). */
export interface ReplayResult {
  /** Signatures of the actions the instance scheduled while it ran. */
  readonly recorded: readonly string[];
  /** Signatures of the actions the orchestrator schedules when the final history is replayed. */
  readonly replayed: readonly string[];
  readonly isDone: boolean;
  readonly output: unknown;
}

/**
 * Runs the orchestrator once more over the record's stored history with every event marked as played, and
 * returns the actions it schedules next to the ones recorded while it ran.
 */
export async function replayRecord(record: InstanceRecord): Promise<ReplayResult> {
  const fn = findRegisteredFunction(record.name, 'orchestrationTrigger');
  if (!fn) {
    throw new Error(`replay(): orchestration '${record.name}' is not registered.`);
  }
  const played = record.history.map((e) => ({ ...e, IsPlayed: true }));
  const outcome = await runOrchestratorEpisode(episodeRequest(record, fn.handler, played, () => undefined));
  const state: EpisodeState | undefined = outcome.kind === 'ran' ? outcome.state : undefined;
  return {
    recorded: [...record.actions],
    replayed: state ? flattenActions(state.actions).map(actionSignature) : [],
    isDone: state?.isDone ?? false,
    output: state?.output,
  };
}
