import type { ArmResource } from '../../src/arm/ArmResource';
import { resourceNotFound } from '../../src/arm/errors/commonErrors';
import { inUseBackendAddressPoolCannotBeDeleted } from '../../src/arm/errors/loadBalancerErrors';
import { idKey, parentResourceId } from '../../src/arm/resourceId';
import type { EmulatorResponse } from '../http/EmulatorRequest';
import type { HandlerModule, RouteContext } from '../http/router';
import { allocateAddresses } from '../store/allocateAddresses';
import { holdersOf, idList, withChildExtras } from '../store/backReferences';
import type { Json } from '../store/subResources';
import { childArray, isRecord, props } from '../store/subResources';
import type { ResourceTypeSpec } from './ResourceTypeSpec';
import { fillDefaults } from './fillDefaults';
import { checkLoadBalancerOwnReferences } from './loadBalancerOwnReferences';
import { networkInterfaceSpec } from './networkInterfaces';
import { page } from './page';
import { view } from './readResource';
import { resolveTarget } from './resolveTarget';
import { NETWORK_API_VERSIONS, resourceRoutes } from './resourceRoutes';

/** Back-references ARM keeps inside a load balancer: which rules use each frontend, pool and probe. */
function linkRules(resource: ArmResource): void {
  const sections: [string, string][] = [
    ['frontendIPConfigurations', 'frontendIPConfiguration'],
    ['backendAddressPools', 'backendAddressPool'],
    ['probes', 'probe'],
  ];
  for (const [collection, refProperty] of sections) {
    for (const target of childArray(resource, collection)) {
      const key = idKey(String(target.id));
      const usedBy = (ruleCollection: string): Json[] =>
        childArray(resource, ruleCollection)
          .filter((rule) => {
            const p = rule.properties;
            if (!isRecord(p)) return false;
            const ref = p[refProperty];
            const pools: unknown[] =
              refProperty === 'backendAddressPool' && Array.isArray(p.backendAddressPools)
                ? p.backendAddressPools
                : [];
            const refs: unknown[] = [ref, ...pools];
            return refs.some((r) => isRecord(r) && typeof r.id === 'string' && idKey(r.id) === key);
          })
          .map((rule) => ({ id: rule.id }));
      const p = props(target);
      const rules = usedBy('loadBalancingRules');
      if (rules.length > 0) p.loadBalancingRules = rules;
      else delete p.loadBalancingRules;
      if (collection === 'frontendIPConfigurations') {
        const nat = usedBy('inboundNatRules');
        if (nat.length > 0) p.inboundNatRules = nat;
        else delete p.inboundNatRules;
      }
    }
  }
}

export const loadBalancerSpec: ResourceTypeSpec = {
  type: 'Microsoft.Network/loadBalancers',
  collection: 'loadBalancers',
  children: [
    { property: 'frontendIPConfigurations', segment: 'frontendIPConfigurations', routable: true },
    {
      property: 'backendAddressPools',
      segment: 'backendAddressPools',
      routable: true,
      operationName: 'PutLoadBalancerBackendAddressPoolOperation',
    },
    { property: 'loadBalancingRules', segment: 'loadBalancingRules', routable: true },
    { property: 'probes', segment: 'probes', routable: true },
    { property: 'inboundNatRules', segment: 'inboundNatRules', routable: true },
    { property: 'outboundRules', segment: 'outboundRules', routable: true },
    { property: 'inboundNatPools', segment: 'inboundNatPools' },
  ],
  readOnly: [
    'properties.backendAddressPools[].properties.backendIPConfigurations',
    'properties.backendAddressPools[].properties.outboundRule',
    'properties.backendAddressPools[].properties.outboundRules',
    'properties.frontendIPConfigurations[].properties.outboundRules',
    'properties.frontendIPConfigurations[].properties.inboundNatPools',
  ],
  operationName: 'PutLoadBalancerOperation',
  settlesOnAccept: true,
  prepare: ({ emulator, resource, existing }) => {
    checkLoadBalancerOwnReferences(resource);
    resource.sku ??= { name: 'Basic', tier: 'Regional' };
    for (const rule of childArray(resource, 'loadBalancingRules')) {
      fillDefaults(props(rule), { disableOutboundSnat: false, enableConnectionTracking: false });
    }
    allocateAddresses(emulator.store, resource, existing, 'frontendIPConfigurations');
    linkRules(resource);
  },
  // NIC-based pool members live on the NICs, so a pool can only go once no ip configuration names it; and a
  // child DELETE leaves the load balancer as a PUT without the child would, so its own rules are checked the same way.
  beforeRemove: (emulator, _resource, removedChildIds, after) => {
    for (const id of removedChildIds) {
      if (!/\/backendAddressPools\/[^/]+$/i.test(id)) continue;
      const holder = holdersOf(emulator.store, id, 'loadBalancerBackendAddressPools')[0];
      if (holder) throw inUseBackendAddressPoolCannotBeDeleted(id, holder);
    }
    if (after) checkLoadBalancerOwnReferences(after);
  },
  decorate: (emulator, resource) =>
    withChildExtras(resource, 'backendAddressPools', (pool) => {
      const members = idList(holdersOf(emulator.store, String(pool.id), 'loadBalancerBackendAddressPools'));
      return members ? { backendIPConfigurations: members } : undefined;
    }),
};

const generic = resourceRoutes(loadBalancerSpec);

/** The NICs that sit in any of the load balancer's backend pools (loadBalancerNetworkInterfaces.list). */
function listNetworkInterfaces(ctx: RouteContext): EmulatorResponse {
  const target = resolveTarget(ctx, loadBalancerSpec);
  if (!target.existing) throw resourceNotFound(target.topId);
  const store = ctx.emulator.store;
  const nicIds = new Set<string>();
  for (const pool of childArray(target.existing, 'backendAddressPools')) {
    for (const holder of holdersOf(store, String(pool.id), 'loadBalancerBackendAddressPools')) {
      if (/\/networkInterfaces\/[^/]+\/ipConfigurations\//i.test(holder))
        nicIds.add(parentResourceId(holder).toLowerCase());
    }
  }
  const nics = [...nicIds].map((id) => store.get(id)).filter((n): n is ArmResource => n !== undefined);
  return page(ctx.req, nics, ctx.emulator.pageSize, (n: ArmResource) =>
    view(ctx.emulator, networkInterfaceSpec, n),
  );
}

export const loadBalancersHandler: HandlerModule = {
  routes: [
    ...generic.routes,
    {
      method: 'GET',
      path: '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/loadBalancers/{name}/networkInterfaces',
      resourceType: 'Microsoft.Network/loadBalancers/networkInterfaces',
      operation: 'list',
      apiVersions: NETWORK_API_VERSIONS,
      action: 'Microsoft.Network/loadBalancers/read',
      handle: listNetworkInterfaces,
    },
  ],
};
