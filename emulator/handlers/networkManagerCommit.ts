import { randomUUID } from 'node:crypto';
import type { ArmResource } from '../../src/arm/ArmResource';
import { anotherOperationInProgress, invalidRequestFormat } from '../../src/arm/errors/commonErrors';
import {
  invalidCommit,
  resourceInUseByDeployment,
  scopeAccessNotEnabled,
} from '../../src/arm/errors/networkManagerErrors';
import { idKey } from '../../src/arm/resourceId';
import type { Emulator } from '../Emulator';
import type { EmulatorResponse } from '../http/EmulatorRequest';
import type { Route, RouteContext } from '../http/router';
import { isRecord, props, type Json } from '../store/subResources';
import { bodyValidators } from '../writeValidators';
import {
  NETWORK_MANAGER_PATH,
  NETWORK_MANAGERS,
  networkManagerOf,
  ofTypeUnder,
  startLocationOperation,
  type NetworkManagerChildSpec,
} from './networkManagerChildren';
import { asyncOperationUrl } from './operationUrls';
import { NETWORK_API_VERSIONS } from './resourceRoutes';

/**
 * What a commit deploys, per region and commit type. ARM shows it only through
 * POST listDeploymentStatus; the emulator keeps it as a resource of this type under the network
 * manager (`{networkManager}/deploymentStatus/{commitType}-{region}`), which dumps and topology files
 * carry, and which Dualstack's discovery produces from listDeploymentStatus (src/azure/listNetworkManagers.ts).
 */
export const DEPLOYMENT_STATUS = `${NETWORK_MANAGERS}/deploymentStatus`;

export interface CommitContext {
  emulator: Emulator;
  networkManager: ArmResource;
}

/**
 * One commit type (Connectivity, SecurityAdmin, Routing...). A commit sets, for each target region,
 * the exact set of configurations of that type deployed there (goal state: ids left out are removed).
 * Register a type with `registerCommitType` (from its handler module, imported by networkManagers.ts).
 */
export interface CommitTypeHandler {
  /** The configuration type the commit's configurationIds must be, e.g. '.../connectivityConfigurations'. */
  configurationType: string;
  /**
   * Makes the estate match every region's deployed set of this type for the network manager (read them
   * with `deployedConfigurations`). Runs when a commit's operation ends and when a topology is loaded.
   * Must be idempotent.
   */
  apply(ctx: CommitContext): void;
}

/** The configuration types a network manager's scope accesses can name (ConfigurationType, 2025-05-01). */
export const CONFIGURATION_TYPES = ['Connectivity', 'SecurityAdmin', 'Routing', 'SecurityUser'];

const handlers = new Map<string, { commitType: string; handler: CommitTypeHandler }>();

export function registerCommitType(commitType: string, handler: CommitTypeHandler): void {
  handlers.set(commitType.toLowerCase(), { commitType, handler });
}

export function commitTypes(): string[] {
  return [...handlers.values()].map((h) => h.commitType);
}

/** A region as ARM compares them: 'West Europe' and 'westeurope' are one region. */
export function regionKey(region: string): string {
  return region.replace(/\s+/g, '').toLowerCase();
}

export function deploymentStatusId(networkManagerId: string, commitType: string, region: string): string {
  return `${networkManagerId}/deploymentStatus/${commitType}-${regionKey(region)}`;
}

/** The deployment statuses of one network manager (all types, all regions). */
export function deploymentStatuses(emulator: Emulator, networkManagerId: string): ArmResource[] {
  return ofTypeUnder(emulator, networkManagerId, DEPLOYMENT_STATUS);
}

/** region key -> configuration ids (as committed) deployed there, for one commit type. */
export function deployedConfigurations(
  emulator: Emulator,
  networkManagerId: string,
  commitType: string,
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const s of deploymentStatuses(emulator, networkManagerId)) {
    const p = props(s);
    if (
      String(p.deploymentType).toLowerCase() !== commitType.toLowerCase() ||
      p.deploymentStatus !== 'Deployed'
    )
      continue;
    const ids = Array.isArray(p.configurationIds)
      ? p.configurationIds.filter((x) => typeof x === 'string')
      : [];
    out.set(regionKey(String(p.region)), ids);
  }
  return out;
}

/** The regions where a configuration is deployed. */
export function regionsDeploying(
  emulator: Emulator,
  networkManagerId: string,
  configurationId: string,
): string[] {
  const key = idKey(configurationId);
  return deploymentStatuses(emulator, networkManagerId)
    .filter((s) => {
      const ids = props(s).configurationIds;
      return Array.isArray(ids) && ids.some((i) => typeof i === 'string' && idKey(i) === key);
    })
    .map((s) => String(props(s).region));
}

/** Removes a configuration from every region's deployment (a forced delete), then re-applies its type. */
export function undeploy(emulator: Emulator, networkManager: ArmResource, configurationId: string): void {
  const key = idKey(configurationId);
  for (const s of deploymentStatuses(emulator, networkManager.id)) {
    const p = props(s);
    if (!Array.isArray(p.configurationIds)) continue;
    p.configurationIds = p.configurationIds.filter((i) => typeof i !== 'string' || idKey(i) !== key);
  }
  for (const { handler } of handlers.values()) handler.apply({ emulator, networkManager });
}

/** After a topology load: every network manager's deployments take effect, as they had in Azure. */
export function applyLoadedDeployments(emulator: Emulator): void {
  for (const nm of emulator.store.ofType(NETWORK_MANAGERS))
    for (const { handler } of handlers.values()) handler.apply({ emulator, networkManager: nm });
}

function stringList(value: unknown, field: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
    throw invalidCommit(field, 'must be an array of strings');
  return value as string[];
}

function scopeAccesses(networkManager: ArmResource): string[] {
  const a = props(networkManager).networkManagerScopeAccesses;
  return Array.isArray(a) ? a.map((x) => String(x).toLowerCase()) : [];
}

/**
 * POST networkManagers/{}/commit (NetworkManagerCommits_Post): an LRO with final-state-via location. Checked at
 * once (commit type, scope access, regions, that every id is a configuration of that type in this network
 * manager); the regions' deployments are 'Deploying' until the operation ends, then 'Deployed' and applied.
 */
function commit(ctx: RouteContext): EmulatorResponse {
  const nm = networkManagerOf(ctx);
  const body = ctx.req.body;
  for (const validate of bodyValidators) {
    const error = validate(`${NETWORK_MANAGERS}/commit`, body);
    if (error) throw error;
  }
  if (!isRecord(body)) throw invalidRequestFormat('The request body must be a JSON object.', '');
  const requested = typeof body.commitType === 'string' ? body.commitType : '';
  if (CONFIGURATION_TYPES.includes(requested) && !scopeAccesses(nm).includes(requested.toLowerCase()))
    throw scopeAccessNotEnabled(nm.id, requested, 'commitType');
  const entry = handlers.get(requested.toLowerCase());
  if (!entry)
    throw invalidCommit('commitType', `'${requested}' is not a commit type (${commitTypes().join(', ')})`);
  const { commitType, handler } = entry;
  const regions = stringList(body.targetLocations, 'targetLocations');
  if (regions.length === 0) throw invalidCommit('targetLocations', 'must name at least one region');
  const ids = stringList(body.configurationIds, 'configurationIds').map((id, i) => {
    const found = ctx.emulator.store.get(id);
    const under = idKey(id).startsWith(`${idKey(nm.id)}/`);
    if (!found || !under || found.type.toLowerCase() !== handler.configurationType.toLowerCase())
      throw invalidCommit(
        `configurationIds[${i}]`,
        `${id} is not a ${handler.configurationType.split('/').at(-1) ?? ''} of ${nm.id}`,
      );
    return found.id;
  });
  const busy = ctx.emulator.operations.inFlight(nm.id);
  if (busy)
    throw anotherOperationInProgress(nm.id, asyncOperationUrl(ctx.emulator, busy, ctx.req.apiVersion));

  const statuses = regions.map((region) => {
    const status: ArmResource = {
      id: deploymentStatusId(nm.id, commitType, region),
      name: `${commitType}-${regionKey(region)}`,
      type: DEPLOYMENT_STATUS,
      properties: {
        region: regionKey(region),
        deploymentType: commitType,
        deploymentStatus: 'Deploying',
        configurationIds: ids,
      },
    };
    ctx.emulator.store.put(status);
    return status;
  });
  const result: Json = {
    commitId: randomUUID(),
    targetLocations: regions,
    configurationIds: ids,
    commitType,
  };
  // Polled as the network manager's operation: its status needs networkManagers/read (there is no commit/read).
  return startLocationOperation(
    ctx,
    nm,
    nm.id,
    NETWORK_MANAGERS,
    'NetworkManagerCommitOperation',
    () => {
      const now = new Date().toISOString();
      for (const s of statuses) {
        const p = props(s);
        p.deploymentStatus = 'Deployed';
        p.commitTime = now;
        if (ids.length === 0) ctx.emulator.store.delete(s.id);
      }
      handler.apply({ emulator: ctx.emulator, networkManager: nm });
      return result;
    },
    result,
  );
}

/** $top and skipToken (an offset) over a POST list's items, as AVNM's list actions page. */
function pageOf(ctx: RouteContext, items: unknown[]): EmulatorResponse {
  const body = isRecord(ctx.req.body) ? ctx.req.body : {};
  const start = Number(typeof body.skipToken === 'string' ? body.skipToken : '0') || 0;
  const top = Number(ctx.req.query.get('$top') ?? '');
  const size =
    Number.isInteger(top) && top > 0 ? Math.min(top, ctx.emulator.pageSize) : ctx.emulator.pageSize;
  const value = items.slice(start, start + size);
  return {
    status: 200,
    body: { value, ...(start + size < items.length ? { skipToken: String(start + size) } : {}) },
  };
}

function wanted(value: unknown): Set<string> | undefined {
  return Array.isArray(value) && value.length > 0
    ? new Set(value.map((v) => regionKey(String(v))))
    : undefined;
}

/** POST listDeploymentStatus (NetworkManagerDeploymentStatus_List): regions and deploymentTypes filter. */
function listDeploymentStatus(ctx: RouteContext): EmulatorResponse {
  const nm = networkManagerOf(ctx);
  const body = isRecord(ctx.req.body) ? ctx.req.body : {};
  const regions = wanted(body.regions);
  const types = wanted(body.deploymentTypes);
  const items = deploymentStatuses(ctx.emulator, nm.id)
    .map((s) => props(s))
    .filter(
      (p) =>
        (!regions || regions.has(regionKey(String(p.region)))) &&
        (!types || types.has(regionKey(String(p.deploymentType)))),
    )
    .map((p) => structuredClone(p));
  return pageOf(ctx, items);
}

/** A configuration as listActive* shows it: id, region, commit time, its properties and its groups' properties. */
export function activeConfiguration(
  emulator: Emulator,
  configurationId: string,
  status: ArmResource,
): Json | undefined {
  const config = emulator.store.get(configurationId);
  if (!config) return undefined;
  const groups = Array.isArray(props(config).appliesToGroups)
    ? (props(config).appliesToGroups as unknown[])
    : [];
  return {
    id: config.id,
    commitTime: props(status).commitTime,
    region: props(status).region,
    properties: structuredClone(props(config)),
    configurationGroups: groups.flatMap((g) => {
      const group =
        isRecord(g) && typeof g.networkGroupId === 'string'
          ? emulator.store.get(g.networkGroupId)
          : undefined;
      return group ? [{ id: group.id, properties: structuredClone(props(group)) }] : [];
    }),
  };
}

/** The active configurations of one commit type, for the listActive* POSTs (regions filter). */
export function activeConfigurations(ctx: RouteContext, commitType: string): EmulatorResponse {
  const nm = networkManagerOf(ctx);
  const body = isRecord(ctx.req.body) ? ctx.req.body : {};
  const regions = wanted(body.regions);
  const items: Json[] = [];
  for (const s of deploymentStatuses(ctx.emulator, nm.id)) {
    const p = props(s);
    if (
      String(p.deploymentType).toLowerCase() !== commitType.toLowerCase() ||
      p.deploymentStatus !== 'Deployed'
    )
      continue;
    if (regions && !regions.has(regionKey(String(p.region)))) continue;
    const ids = Array.isArray(p.configurationIds) ? p.configurationIds : [];
    for (const id of ids) {
      const active = typeof id === 'string' ? activeConfiguration(ctx.emulator, id, s) : undefined;
      if (active) items.push(active);
    }
  }
  return pageOf(ctx, items);
}

/** A POST action on the network manager; list actions stay out of the write log (they change nothing). */
export function networkManagerAction(
  action: string,
  handle: Route['handle'],
  options: { writes: boolean } = { writes: false },
): Route {
  return {
    apiVersions: NETWORK_API_VERSIONS,
    method: 'POST',
    path: `${NETWORK_MANAGER_PATH}/${action}`,
    resourceType: NETWORK_MANAGERS,
    operation: options.writes ? 'action' : 'read',
    action: `${NETWORK_MANAGERS}/${action}/action`,
    ...(options.writes ? {} : { writeLog: false }),
    handle,
  };
}

export const commitRoutes: Route[] = [
  networkManagerAction('commit', commit, { writes: true }),
  networkManagerAction('listDeploymentStatus', listDeploymentStatus),
];

/**
 * A deployed configuration goes only with force: AVNM removes it from its regions first
 * (ConnectivityConfigurations_Delete and the other configuration deletes take `force`, and
 * concept-remove-components-checklist.md orders it so).
 */
export function configurationDelete(
  spec: Omit<NetworkManagerChildSpec, 'beforeDelete' | 'asyncDelete'>,
): NetworkManagerChildSpec {
  return {
    ...spec,
    beforeDelete: ({ emulator, networkManager, resource, force }) => {
      const regions = regionsDeploying(emulator, networkManager.id, resource.id);
      if (regions.length === 0) return;
      if (!force) throw resourceInUseByDeployment(resource.id, regions);
      undeploy(emulator, networkManager, resource.id);
    },
    asyncDelete: true,
  };
}
