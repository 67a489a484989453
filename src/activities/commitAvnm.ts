import { idKey } from '../arm/resourceId';
import { lastModified, listDeploymentStatus, managerRef, postCommit } from '../azure/avnmDeployments';
import type { AvnmCommit } from '../planner/Plan';
import { regionKey } from '../planner/steps/avnmEstate';
import type { ActivityServices } from './ActivityServices';
import type { ApplyStepResult } from './applyStepContract';
import type { RunStep } from './RunPlan';

/** The commit an avnmCommit step carries (in its additions, or in a rollback its removals). */
export function commitOf(step: RunStep): AvnmCommit | undefined {
  for (const change of [...step.additions, ...(step.removals ?? [])])
    if (change.op === 'commitAvnm') return change.commit;
  return undefined;
}

/**
 * Deploys AVNM configurations after their IPv6 twins were written (or, in a rollback, deleted).
 * AVNM's goal-state model: a commit sets the whole set of configurations of its kind in each region,
 * so each region's set is read first and the step's configurations are added to it, never replacing
 * anyone else's. A region where the configuration isn't deployed (any more) is left alone: Dualstack
 * doesn't deploy what people didn't. A migration's commit is skipped where the last commit is
 * Deployed and newer than every change to the configuration: a re-run makes no write.
 */
export async function commitAvnm(
  services: ActivityServices,
  step: RunStep,
  critical = false,
): Promise<ApplyStepResult> {
  const start = Date.now();
  const commit = commitOf(step);
  if (!commit) throw new TypeError(`step.additions: ${step.id} carries no commit`);
  const manager = managerRef(step.resourceId);
  const statuses = await listDeploymentStatus(
    services.clients,
    manager,
    commit.targetLocations,
    commit.commitType,
  );
  // A Connectivity commit is planned only while AVNM's peerings lack IPv6 (the VNets changed, not the
  // configuration): it always deploys.
  const newest =
    step.removals || commit.commitType === 'Connectivity'
      ? undefined
      : Math.max(
          ...(await Promise.all(
            commit.configurationIds.map((id) =>
              lastModified(services.clients, manager, id, commit.commitType),
            ),
          )),
        );
  /** sorted configuration ids -> regions to commit them to */
  const goals = new Map<string, { ids: string[]; regions: string[] }>();
  for (const region of commit.targetLocations) {
    const status = statuses.find(
      (s) => regionKey(s.region ?? '') === regionKey(region) && s.deploymentType === commit.commitType,
    );
    const deployed = status?.configurationIds ?? [];
    if (!commit.configurationIds.every((id) => deployed.some((d) => idKey(d) === idKey(id)))) continue;
    const current =
      newest !== undefined &&
      status?.deploymentStatus === 'Deployed' &&
      status.commitTime !== undefined &&
      new Date(status.commitTime).getTime() >= newest;
    if (current) continue;
    const ids = [...deployed].sort((a, b) => (idKey(a) < idKey(b) ? -1 : 1));
    const k = ids.map(idKey).join('|');
    const goal = goals.get(k) ?? { ids, regions: [] };
    goal.regions.push(region);
    goals.set(k, goal);
  }
  const interval = critical
    ? services.updateIntervalInMs
    : (services.backgroundUpdateIntervalInMs ?? services.updateIntervalInMs);
  for (const goal of goals.values())
    await postCommit(
      services.clients,
      manager,
      { commitType: commit.commitType, configurationIds: goal.ids, targetLocations: goal.regions },
      interval !== undefined ? { updateIntervalInMs: interval } : {},
    );
  return { outcome: goals.size > 0 ? 'applied' : 'unchanged', durationMs: Date.now() - start };
}
