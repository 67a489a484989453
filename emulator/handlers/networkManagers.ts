import { randomUUID } from 'node:crypto';
import type { ArmResource } from '../../src/arm/ArmResource';
import {
  invalidNetworkManagerScope,
  resourceInUseByDeployment,
} from '../../src/arm/errors/networkManagerErrors';
import type { Emulator } from '../Emulator';
import type { HandlerModule } from '../http/router';
import { isRecord, props } from '../store/subResources';
import type { ResourceTypeSpec } from './ResourceTypeSpec';
import { activeSecurityAdminRules, avnmRuleSpecs } from './avnmRules';
import { connectivityConfigurationSpec } from './connectivityConfigurations';
import { networkGroupSpec, staticMemberSpec } from './networkGroups';
import {
  descendantsOf,
  loadNetworkManagerChild,
  NETWORK_MANAGERS,
  networkManagerChildRoutes,
  networkManagerOf,
  type NetworkManagerChildSpec,
} from './networkManagerChildren';
import {
  activeConfigurations,
  CONFIGURATION_TYPES,
  commitRoutes,
  DEPLOYMENT_STATUS,
  deploymentStatuses,
  networkManagerAction,
  regionKey,
} from './networkManagerCommit';
import { resourceRoutes } from './resourceRoutes';

/**
 * Azure Virtual Network Manager (emulator/README.md, "Virtual Network Manager"). To add a type under
 * networkManagers (security admin or routing configurations, rule collections, rules, IPAM pools...): write its
 * NetworkManagerChildSpec and append it here; to add a commit type, call registerCommitType from its module
 * and import that module here (connectivityConfigurations.ts is the example).
 */
export const networkManagerChildSpecs: NetworkManagerChildSpec[] = [
  networkGroupSpec,
  staticMemberSpec,
  connectivityConfigurationSpec,
  ...avnmRuleSpecs,
];

export const networkManagerSpec: ResourceTypeSpec = {
  type: NETWORK_MANAGERS,
  collection: 'networkManagers',
  children: [],
  // NetworkManagers_CreateOrUpdate is synchronous (200/201 in the spec): the answer is already Succeeded.
  settlesOnAccept: true,
  readOnly: ['properties.resourceGuid', 'properties.networkManagerScopes.crossTenantScopes'],
  operationName: 'PutNetworkManagerOperation',
  prepare: ({ resource, existing }) => {
    const p = props(resource);
    const scopes = p.networkManagerScopes;
    const field = 'properties.networkManagerScopes';
    if (!isRecord(scopes)) throw invalidNetworkManagerScope(field, 'is required');
    const subs = Array.isArray(scopes.subscriptions) ? scopes.subscriptions : [];
    const groups = Array.isArray(scopes.managementGroups) ? scopes.managementGroups : [];
    if (subs.length + groups.length === 0)
      throw invalidNetworkManagerScope(field, 'names no subscription and no management group');
    subs.forEach((s, i) => {
      if (typeof s !== 'string' || !/^\/subscriptions\/[^/]+$/i.test(s))
        throw invalidNetworkManagerScope(
          `${field}.subscriptions[${i}]`,
          `'${String(s)}' is not /subscriptions/{id}`,
        );
    });
    const accesses = Array.isArray(p.networkManagerScopeAccesses) ? p.networkManagerScopeAccesses : [];
    accesses.forEach((a, i) => {
      if (!CONFIGURATION_TYPES.includes(String(a)))
        throw invalidNetworkManagerScope(
          `properties.networkManagerScopeAccesses[${i}]`,
          `'${String(a)}' is not one of ${CONFIGURATION_TYPES.join(', ')}`,
        );
    });
    p.resourceGuid = existing ? props(existing).resourceGuid : randomUUID();
    scopes.crossTenantScopes = [];
  },
  // A network manager with a deployment goes only once nothing is deployed (NetworkManagers_Delete's force
  // removes deployments in Azure; the generic DELETE here has no force).
  beforeDelete: (emulator: Emulator, nm: ArmResource) => {
    const deployed = deploymentStatuses(emulator, nm.id).filter((s) => {
      const ids = props(s).configurationIds;
      return Array.isArray(ids) && ids.length > 0;
    });
    if (deployed.length > 0)
      throw resourceInUseByDeployment(
        nm.id,
        deployed.map((s) => String(props(s).region)),
      );
  },
  afterDelete: (emulator, nm) => {
    for (const r of descendantsOf(emulator, nm.id)) emulator.store.delete(r.id);
  },
};

/** Children and deployment statuses are stored beside the network manager (ids under it), as ARM keeps them. */
export function isNetworkManagerChildType(type: string): boolean {
  const t = type.toLowerCase();
  return (
    t === DEPLOYMENT_STATUS.toLowerCase() || networkManagerChildSpecs.some((s) => s.type.toLowerCase() === t)
  );
}

export { loadNetworkManagerChild };

export const networkManagersHandler: HandlerModule = {
  routes: [
    ...resourceRoutes(networkManagerSpec).routes,
    ...networkManagerChildSpecs.flatMap(networkManagerChildRoutes),
    ...commitRoutes,
    networkManagerAction('listActiveConnectivityConfigurations', (c) =>
      activeConfigurations(c, 'Connectivity'),
    ),
    networkManagerAction('listActiveSecurityAdminRules', (c) => {
      const body = isRecord(c.req.body) ? c.req.body : {};
      const regions =
        Array.isArray(body.regions) && body.regions.length > 0
          ? new Set(body.regions.map((r) => regionKey(String(r))))
          : undefined;
      const value = activeSecurityAdminRules(c.emulator, networkManagerOf(c).id, regions);
      return { status: 200, body: { value } };
    }),
  ],
};
