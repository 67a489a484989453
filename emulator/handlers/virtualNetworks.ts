import { inUseSubnetCannotBeDeleted, invalidRequestFormat } from '../../src/arm/errors/commonErrors';
import { idKey } from '../../src/arm/resourceId';
import { holdersOf, idList, withChildExtras } from '../store/backReferences';
import { byName, childArray, props, sameName } from '../store/subResources';
import type { ResourceTypeSpec } from './ResourceTypeSpec';
import { checkPeeringNotEnforced } from './connectivityConfigurations';
import { fillDefaults } from './fillDefaults';
import {
  addressSpaceOf,
  refreshAfterWrite,
  refreshPeeringsAround,
  remoteIdOf,
  VNET_TYPE,
} from './peeringSync';
import { resourceRoutes } from './resourceRoutes';

function checkSync(query: URLSearchParams, peeringName: string | undefined): boolean {
  const value = query.get('syncRemoteAddressSpace');
  if (value === null) return false;
  if (value !== 'true') {
    throw invalidRequestFormat(
      `syncRemoteAddressSpace must be 'true' when given (got '${value}') for peering ${peeringName ?? ''}.`,
      'syncRemoteAddressSpace',
    );
  }
  return true;
}

export const virtualNetworkSpec: ResourceTypeSpec = {
  type: VNET_TYPE,
  collection: 'virtualNetworks',
  children: [
    { property: 'subnets', segment: 'subnets', routable: true, operationName: 'PutSubnetOperation' },
    {
      property: 'virtualNetworkPeerings',
      segment: 'virtualNetworkPeerings',
      routable: true,
      keepWhenAbsent: true,
      operationName: 'PutVirtualNetworkPeeringOperation',
    },
  ],
  readOnly: [
    'properties.subnets[].properties.ipConfigurations',
    'properties.subnets[].properties.ipConfigurationProfiles',
    'properties.subnets[].properties.resourceNavigationLinks',
    'properties.subnets[].properties.serviceAssociationLinks',
    'properties.subnets[].properties.privateEndpoints',
    'properties.subnets[].properties.purpose',
    'properties.virtualNetworkPeerings[].properties.remoteAddressSpace',
    'properties.virtualNetworkPeerings[].properties.remoteVirtualNetworkAddressSpace',
    'properties.virtualNetworkPeerings[].properties.peeringState',
    'properties.virtualNetworkPeerings[].properties.peeringSyncLevel',
    'properties.virtualNetworkPeerings[].properties.remoteBgpCommunities',
    'properties.virtualNetworkPeerings[].properties.resourceGuid',
  ],
  operationName: 'PutVirtualNetworkOperation',
  prepare: ({ emulator, resource, existing, child, query }) => {
    const peeringWrite = child?.collection.property === 'virtualNetworkPeerings';
    if (peeringWrite) checkPeeringNotEnforced(emulator, resource.id, child.name);
    const syncing = peeringWrite ? checkSync(query, child.name) : false;
    const before = byName(existing ? childArray(existing, 'virtualNetworkPeerings') : []);
    for (const peering of childArray(resource, 'virtualNetworkPeerings')) {
      const p = props(peering);
      fillDefaults(p, {
        allowVirtualNetworkAccess: true,
        allowForwardedTraffic: false,
        allowGatewayTransit: false,
        useRemoteGateways: false,
      });
      const old = before.get(String(peering.name).toLowerCase());
      const remoteId = remoteIdOf(peering);
      const remote = remoteId ? emulator.store.get(remoteId) : undefined;
      const retargeted = old !== undefined && idKey(remoteIdOf(old) ?? '') !== idKey(remoteId ?? '');
      const synced = syncing && child !== undefined && sameName(peering.name, child.name);
      if (remote && (!old || retargeted || synced || p.remoteAddressSpace === undefined)) {
        p.remoteAddressSpace = addressSpaceOf(remote);
        p.remoteVirtualNetworkAddressSpace = addressSpaceOf(remote);
      }
      p.peeringState ??= 'Initiated';
    }
  },
  beforeRemove: (emulator, resource, removedChildIds, after) => {
    for (const id of removedChildIds) {
      const peering = /\/virtualNetworkPeerings\/([^/]+)$/i.exec(id);
      if (peering && after) checkPeeringNotEnforced(emulator, resource.id, peering[1] ?? '');
      if (!/\/subnets\/[^/]+$/i.test(id)) continue;
      const users = emulator.store.referencing(id).filter((r) => idKey(r.id) !== idKey(resource.id));
      const user = users[0];
      if (user) throw inUseSubnetCannotBeDeleted(id, holdersOf(emulator.store, id, 'subnet')[0] ?? user.id);
    }
  },
  afterStore: (emulator, resource, existing) => refreshAfterWrite(emulator.store, resource, existing),
  afterDelete: (emulator, resource) => refreshPeeringsAround(emulator.store, resource, true),
  decorate: (emulator, resource) =>
    withChildExtras(resource, 'subnets', (subnet) => {
      const configs = idList(holdersOf(emulator.store, String(subnet.id), 'subnet'));
      return configs ? { ipConfigurations: configs } : undefined;
    }),
};

export const virtualNetworksHandler = resourceRoutes(virtualNetworkSpec);
