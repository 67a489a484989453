import type { BaseAdminRuleUnion, RoutingRule } from '@azure/arm-network';
import type { OperationOptions } from '@azure/core-client';
import { deploymentStatusResources, DEPLOYMENT_STATUS_TYPE } from '../planner/steps/avnmEstate';
import type { SubscriptionClients } from './networkClient';
import type { NetworkResourceType, Pages } from './networkResourceTypes';

const at = (n: string[], i: number): string => n[i] ?? '';

/** POST listDeploymentStatus as pages: it pages with skipToken in the body (the SDK gives one page per call). */
function deploymentStatusPages(
  c: SubscriptionClients,
  rg: string,
  manager: string,
  o: OperationOptions,
): Pages {
  return {
    async *byPage() {
      let skipToken: string | undefined;
      do {
        const page = await c.network.networkManagerDeploymentStatusOperations.list(
          rg,
          manager,
          skipToken ? { skipToken } : {},
          o,
        );
        yield page.value ?? [];
        skipToken = page.skipToken;
      } while (skipToken);
    },
  };
}

/**
 * The AVNM rules Dualstack writes: the IPv6 twins it creates in routing and security admin rule
 * collections, and deletes again on rollback. `names` are [manager, configuration, collection, rule].
 * Rule PUTs are synchronous (200/201); deletes are long-running operations (spec 2025-05-01).
 */
export const AVNM_RULE_RESOURCE_TYPES: readonly NetworkResourceType[] = [
  {
    type: 'Microsoft.Network/networkManagers',
    model: 'NetworkManager',
    listAll: (c, o) => c.network.networkManagers.listBySubscription(o),
    listByResourceGroup: (c, rg, o) => c.network.networkManagers.list(rg, o),
    get: (c, rg, n, o) => c.network.networkManagers.get(rg, at(n, 0), o),
  },
  {
    type: 'Microsoft.Network/networkManagers/networkGroups',
    model: 'NetworkGroup',
    listByParent: (c, rg, n, o) => c.network.networkGroups.list(rg, at(n, 0), o),
    get: (c, rg, n, o) => c.network.networkGroups.get(rg, at(n, 0), at(n, 1), o),
  },
  {
    type: 'Microsoft.Network/networkManagers/networkGroups/staticMembers',
    model: 'StaticMember',
    listByParent: (c, rg, n, o) => c.network.staticMembers.list(rg, at(n, 0), at(n, 1), o),
    get: (c, rg, n, o) => c.network.staticMembers.get(rg, at(n, 0), at(n, 1), at(n, 2), o),
  },
  {
    // Not a resource in ARM: listDeploymentStatus's items, as DEPLOYMENT_STATUS_TYPE resources.
    type: DEPLOYMENT_STATUS_TYPE,
    model: 'NetworkManagerDeploymentStatus',
    listByParent: (c, rg, n, o) => deploymentStatusPages(c, rg, at(n, 0), o),
    fromListItems: deploymentStatusResources,
    get: () => Promise.reject(new TypeError('deployment status is listed, never read one by one')),
  },
  // Read-only: listed under their network manager (and each other) so the planner sees the rule collections.
  {
    type: 'Microsoft.Network/networkManagers/routingConfigurations',
    model: 'NetworkManagerRoutingConfiguration',
    listByParent: (c, rg, n, o) => c.network.networkManagerRoutingConfigurations.list(rg, at(n, 0), o),
    get: (c, rg, n, o) => c.network.networkManagerRoutingConfigurations.get(rg, at(n, 0), at(n, 1), o),
  },
  {
    type: 'Microsoft.Network/networkManagers/routingConfigurations/ruleCollections',
    model: 'RoutingRuleCollection',
    listByParent: (c, rg, n, o) => c.network.routingRuleCollections.list(rg, at(n, 0), at(n, 1), o),
    get: (c, rg, n, o) => c.network.routingRuleCollections.get(rg, at(n, 0), at(n, 1), at(n, 2), o),
  },
  {
    type: 'Microsoft.Network/networkManagers/securityAdminConfigurations',
    model: 'SecurityAdminConfiguration',
    listByParent: (c, rg, n, o) => c.network.securityAdminConfigurations.list(rg, at(n, 0), o),
    get: (c, rg, n, o) => c.network.securityAdminConfigurations.get(rg, at(n, 0), at(n, 1), o),
  },
  {
    type: 'Microsoft.Network/networkManagers/securityAdminConfigurations/ruleCollections',
    model: 'AdminRuleCollection',
    listByParent: (c, rg, n, o) => c.network.adminRuleCollections.list(rg, at(n, 0), at(n, 1), o),
    get: (c, rg, n, o) => c.network.adminRuleCollections.get(rg, at(n, 0), at(n, 1), at(n, 2), o),
  },
  {
    type: 'Microsoft.Network/networkManagers/routingConfigurations/ruleCollections/rules',
    model: 'RoutingRule',
    listByParent: (c, rg, n, o) => c.network.routingRules.list(rg, at(n, 0), at(n, 1), at(n, 2), o),
    get: (c, rg, n, o) => c.network.routingRules.get(rg, at(n, 0), at(n, 1), at(n, 2), at(n, 3), o),
    put: (c, rg, n, m, o) =>
      c.network.routingRules.createOrUpdate(rg, at(n, 0), at(n, 1), at(n, 2), at(n, 3), m as RoutingRule, o),
    delete: (c, rg, n, o) =>
      c.network.routingRules.beginDeleteAndWait(rg, at(n, 0), at(n, 1), at(n, 2), at(n, 3), o),
  },
  {
    type: 'Microsoft.Network/networkManagers/securityAdminConfigurations/ruleCollections/rules',
    model: 'AdminRule',
    listByParent: (c, rg, n, o) => c.network.adminRules.list(rg, at(n, 0), at(n, 1), at(n, 2), o),
    get: (c, rg, n, o) => c.network.adminRules.get(rg, at(n, 0), at(n, 1), at(n, 2), at(n, 3), o),
    put: (c, rg, n, m, o) =>
      c.network.adminRules.createOrUpdate(
        rg,
        at(n, 0),
        at(n, 1),
        at(n, 2),
        at(n, 3),
        m as BaseAdminRuleUnion,
        o,
      ),
    delete: (c, rg, n, o) =>
      c.network.adminRules.beginDeleteAndWait(rg, at(n, 0), at(n, 1), at(n, 2), at(n, 3), o),
  },
];
