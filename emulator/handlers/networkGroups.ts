import type { ArmResource } from '../../src/arm/ArmResource';
import {
  invalidNetworkManagerReference,
  networkGroupInUse,
  staticMemberOutOfScope,
} from '../../src/arm/errors/networkManagerErrors';
import { idKey, parseResourceId } from '../../src/arm/resourceId';
import type { Emulator } from '../Emulator';
import { isRecord, props } from '../store/subResources';
import { NETWORK_MANAGERS, ofTypeUnder, type NetworkManagerChildSpec } from './networkManagerChildren';

export const NETWORK_GROUPS = `${NETWORK_MANAGERS}/networkGroups`;
export const STATIC_MEMBERS = `${NETWORK_GROUPS}/staticMembers`;
export const CONNECTIVITY_CONFIGURATIONS = `${NETWORK_MANAGERS}/connectivityConfigurations`;

const MEMBER_TYPES = ['VirtualNetwork', 'Subnet'];

/** Whether the network manager's scope (properties.networkManagerScopes) covers a resource id. */
export function inScope(networkManager: ArmResource, resourceId: string): boolean {
  const scopes = props(networkManager).networkManagerScopes;
  if (!isRecord(scopes)) return false;
  // The emulator has no management-group hierarchy: a management-group scope covers every subscription.
  if (Array.isArray(scopes.managementGroups) && scopes.managementGroups.length > 0) return true;
  const sub = parseResourceId(resourceId)?.subscriptionId.toLowerCase();
  return (
    Array.isArray(scopes.subscriptions) &&
    scopes.subscriptions.some((s) => typeof s === 'string' && idKey(s).split('/').at(-1) === sub)
  );
}

/** Ids (lower case) of the network groups a connectivity configuration (or rule collection) applies to. */
export function appliedGroupKeys(resource: ArmResource): string[] {
  const groups = props(resource).appliesToGroups;
  return Array.isArray(groups)
    ? groups.flatMap((g) =>
        isRecord(g) && typeof g.networkGroupId === 'string' ? [idKey(g.networkGroupId)] : [],
      )
    : [];
}

/** The VNets that are static members of a network group, as stored (missing VNets left out). */
export function staticMemberVnets(emulator: Emulator, groupId: string): ArmResource[] {
  const prefix = `${idKey(groupId)}/staticmembers/`;
  const out: ArmResource[] = [];
  for (const m of emulator.store.ofType(STATIC_MEMBERS)) {
    if (!idKey(m.id).startsWith(prefix)) continue;
    const vnetId = props(m).resourceId;
    const vnet = typeof vnetId === 'string' ? emulator.store.get(vnetId) : undefined;
    if (vnet) out.push(vnet);
  }
  return out;
}

export const networkGroupSpec: NetworkManagerChildSpec = {
  type: NETWORK_GROUPS,
  prepare: ({ resource }) => {
    const p = props(resource);
    if (
      p.memberType !== undefined &&
      (typeof p.memberType !== 'string' || !MEMBER_TYPES.includes(p.memberType))
    )
      throw invalidNetworkManagerReference(
        'properties.memberType',
        JSON.stringify(p.memberType),
        `is not a member type (${MEMBER_TYPES.join(' or ')})`,
      );
  },
  // NetworkGroups_Delete takes force: without it, a group a configuration still applies to stays.
  beforeDelete: ({ emulator, networkManager, resource, force }) => {
    if (force) return;
    const key = idKey(resource.id);
    const users = [
      ...emulator.store.ofType(CONNECTIVITY_CONFIGURATIONS),
      ...ofTypeUnder(
        emulator,
        networkManager.id,
        `${NETWORK_MANAGERS}/securityAdminConfigurations/ruleCollections`,
      ),
      ...ofTypeUnder(
        emulator,
        networkManager.id,
        `${NETWORK_MANAGERS}/routingConfigurations/ruleCollections`,
      ),
    ].filter((c) => appliedGroupKeys(c).includes(key));
    if (users.length > 0)
      throw networkGroupInUse(
        resource.id,
        users.map((u) => u.id),
      );
  },
  asyncDelete: true,
};

export const staticMemberSpec: NetworkManagerChildSpec = {
  type: STATIC_MEMBERS,
  readOnly: ['region'],
  prepare: ({ emulator, networkManager, resource }) => {
    const vnetId = props(resource).resourceId;
    const field = 'properties.resourceId';
    if (typeof vnetId !== 'string')
      throw invalidNetworkManagerReference(field, '(none)', 'must name a virtual network');
    const vnet = emulator.store.get(vnetId);
    if (!vnet || vnet.type.toLowerCase() !== 'microsoft.network/virtualnetworks')
      throw invalidNetworkManagerReference(field, vnetId, 'is not an existing virtual network');
    if (!inScope(networkManager, vnet.id)) throw staticMemberOutOfScope(field, vnet.id, networkManager.id);
    props(resource).resourceId = vnet.id;
  },
  decorate: (emulator, member) => {
    const vnetId = props(member).resourceId;
    const vnet = typeof vnetId === 'string' ? emulator.store.get(vnetId) : undefined;
    return vnet?.location ? { ...member, properties: { ...props(member), region: vnet.location } } : member;
  },
};
