import type { NetworkManagerDeploymentStatus } from '@azure/arm-network';
import { parseResourceId } from '../arm/resourceId';
import type { AvnmCommit } from '../planner/Plan';
import { classifyError } from './classifyError';
import type { NetworkClients } from './networkClient';

export interface ManagerRef {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  id: string;
}

export function managerRef(managerId: string): ManagerRef {
  const parsed = parseResourceId(managerId);
  if (!parsed || parsed.type.toLowerCase() !== 'microsoft.network/networkmanagers')
    throw new TypeError(`resourceId: '${managerId}' is not a network manager id`);
  return {
    subscriptionId: parsed.subscriptionId,
    resourceGroup: parsed.resourceGroup,
    name: parsed.names[0] ?? '',
    id: managerId,
  };
}

/**
 * POST listDeploymentStatus for some regions and one kind, every page (it pages with skipToken in
 * the body, not nextLink).
 */
export async function listDeploymentStatus(
  clients: NetworkClients,
  manager: ManagerRef,
  regions: string[],
  kind: string,
): Promise<NetworkManagerDeploymentStatus[]> {
  const out: NetworkManagerDeploymentStatus[] = [];
  let skipToken: string | undefined;
  try {
    do {
      const page = await clients(manager.subscriptionId).networkManagerDeploymentStatusOperations.list(
        manager.resourceGroup,
        manager.name,
        { regions, deploymentTypes: [kind], ...(skipToken ? { skipToken } : {}) },
      );
      out.push(...(page.value ?? []));
      skipToken = page.skipToken;
    } while (skipToken);
  } catch (e) {
    throw classifyError(e, { resourceId: manager.id });
  }
  return out;
}

/** The newest modification time of a configuration, its rule collections and their rules (ms since epoch). */
export async function lastModified(
  clients: NetworkClients,
  manager: ManagerRef,
  configurationId: string,
  kind: AvnmCommit['commitType'],
): Promise<number> {
  const network = clients(manager.subscriptionId);
  const cfg = parseResourceId(configurationId)?.names[1] ?? '';
  const rg = manager.resourceGroup;
  const times: (Date | undefined)[] = [];
  try {
    if (kind === 'Routing') {
      times.push(
        (await network.networkManagerRoutingConfigurations.get(rg, manager.name, cfg)).systemData
          ?.lastModifiedAt,
      );
      for await (const c of network.routingRuleCollections.list(rg, manager.name, cfg)) {
        times.push(c.systemData?.lastModifiedAt);
        for await (const r of network.routingRules.list(rg, manager.name, cfg, c.name ?? ''))
          times.push(r.systemData?.lastModifiedAt);
      }
    } else {
      times.push(
        (await network.securityAdminConfigurations.get(rg, manager.name, cfg)).systemData?.lastModifiedAt,
      );
      for await (const c of network.adminRuleCollections.list(rg, manager.name, cfg)) {
        times.push(c.systemData?.lastModifiedAt);
        for await (const r of network.adminRules.list(rg, manager.name, cfg, c.name ?? ''))
          times.push(r.systemData?.lastModifiedAt);
      }
    }
  } catch (e) {
    throw classifyError(e, { resourceId: configurationId });
  }
  return Math.max(0, ...times.map((t) => (t ? new Date(t).getTime() : 0)));
}

/** POST networkManagers/{nm}/commit and wait for the long-running operation. */
export async function postCommit(
  clients: NetworkClients,
  manager: ManagerRef,
  commit: AvnmCommit,
  options: { updateIntervalInMs?: number } = {},
): Promise<void> {
  try {
    await clients(manager.subscriptionId).networkManagerCommits.beginPostAndWait(
      manager.resourceGroup,
      manager.name,
      {
        commitType: commit.commitType,
        configurationIds: commit.configurationIds,
        targetLocations: commit.targetLocations,
      },
      options,
    );
  } catch (e) {
    throw classifyError(e, { resourceId: manager.id });
  }
}
