import { createHash, randomUUID } from 'node:crypto';
import type { ArmResource } from '../../src/arm/ArmResource';
import {
  invalidConnectivityConfiguration,
  invalidNetworkManagerReference,
  peeringManagedByNetworkManager,
  scopeAccessNotEnabled,
} from '../../src/arm/errors/networkManagerErrors';
import { idKey } from '../../src/arm/resourceId';
import type { Emulator } from '../Emulator';
import { childArray, isRecord, props, type Json } from '../store/subResources';
import { fillDefaults } from './fillDefaults';
import { CONNECTIVITY_CONFIGURATIONS, NETWORK_GROUPS, inScope, staticMemberVnets } from './networkGroups';
import type { NetworkManagerChildSpec } from './networkManagerChildren';
import { NETWORK_MANAGERS } from './networkManagerChildren';
import {
  deployedConfigurations,
  regionKey,
  registerCommitType,
  configurationDelete,
} from './networkManagerCommit';
import { addressSpaceOf, refreshPeeringsAround, remoteIdOf, VNET_TYPE } from './peeringSync';

const TOPOLOGIES = ['HubAndSpoke', 'Mesh'];
const GROUP_CONNECTIVITY = ['None', 'DirectlyConnected'];
const FLAGS = ['True', 'False'];

function checkEnum(value: unknown, allowed: readonly string[], field: string): void {
  if (value !== undefined && (typeof value !== 'string' || !allowed.includes(value)))
    throw invalidConnectivityConfiguration(
      field,
      `${JSON.stringify(value)} is not one of ${allowed.join(', ')}`,
    );
}

export const connectivityConfigurationSpec: NetworkManagerChildSpec = configurationDelete({
  type: CONNECTIVITY_CONFIGURATIONS,
  prepare: ({ emulator, networkManager, resource }) => {
    const accesses = props(networkManager).networkManagerScopeAccesses;
    if (!Array.isArray(accesses) || !accesses.includes('Connectivity'))
      throw scopeAccessNotEnabled(networkManager.id, 'Connectivity', 'properties');
    const p = props(resource);
    if (p.connectivityTopology === undefined)
      throw invalidConnectivityConfiguration('properties.connectivityTopology', 'is required');
    checkEnum(p.connectivityTopology, TOPOLOGIES, 'properties.connectivityTopology');
    checkEnum(p.isGlobal, FLAGS, 'properties.isGlobal');
    checkEnum(p.deleteExistingPeering, FLAGS, 'properties.deleteExistingPeering');
    const hubs = Array.isArray(p.hubs) ? p.hubs : [];
    if (p.connectivityTopology === 'HubAndSpoke' && hubs.length !== 1)
      throw invalidConnectivityConfiguration(
        'properties.hubs',
        'a hub-and-spoke configuration names exactly one hub',
      );
    hubs.forEach((h, i) => {
      const field = `properties.hubs[${i}].resourceId`;
      const id = isRecord(h) ? h.resourceId : undefined;
      const vnet = typeof id === 'string' ? emulator.store.get(id) : undefined;
      if (!vnet || vnet.type.toLowerCase() !== VNET_TYPE.toLowerCase())
        throw invalidNetworkManagerReference(field, String(id), 'is not an existing virtual network');
      if (!inScope(networkManager, vnet.id))
        throw invalidNetworkManagerReference(field, vnet.id, `is outside the scope of ${networkManager.id}`);
      (h as Json).resourceId = vnet.id;
      (h as Json).resourceType = VNET_TYPE;
    });
    const groups = Array.isArray(p.appliesToGroups) ? p.appliesToGroups : [];
    if (groups.length === 0)
      throw invalidConnectivityConfiguration('properties.appliesToGroups', 'names no network group');
    groups.forEach((g, i) => {
      const field = `properties.appliesToGroups[${i}]`;
      if (!isRecord(g)) throw invalidConnectivityConfiguration(field, 'must be an object');
      const group = typeof g.networkGroupId === 'string' ? emulator.store.get(g.networkGroupId) : undefined;
      if (
        !group ||
        group.type.toLowerCase() !== NETWORK_GROUPS.toLowerCase() ||
        !idKey(group.id).startsWith(`${idKey(networkManager.id)}/`)
      )
        throw invalidNetworkManagerReference(
          `${field}.networkGroupId`,
          String(g.networkGroupId),
          `is not a network group of ${networkManager.id}`,
        );
      g.networkGroupId = group.id;
      checkEnum(g.groupConnectivity, GROUP_CONNECTIVITY, `${field}.groupConnectivity`);
      checkEnum(g.useHubGateway, FLAGS, `${field}.useHubGateway`);
      checkEnum(g.isGlobal, FLAGS, `${field}.isGlobal`);
      fillDefaults(g, { useHubGateway: 'False', isGlobal: 'False' });
    });
    fillDefaults(p, { isGlobal: 'False', deleteExistingPeering: 'False' });
    p.connectivityCapabilities = {
      connectedGroupPrivateEndpointsScale: 'Standard',
      connectedGroupAddressOverlap: 'Allowed',
      peeringEnforcement: 'Unenforced',
      ...(isRecord(p.connectivityCapabilities) ? p.connectivityCapabilities : {}),
    };
  },
});

/** One peering AVNM wants on a VNet. */
interface WantedPeering {
  vnet: ArmResource;
  remote: ArmResource;
  configurationId: string;
  enforced: boolean;
  allowGatewayTransit: boolean;
  useRemoteGateways: boolean;
}

/**
 * The name AVNM gives a peering it creates: `ANM_` (how the portal and exports show AVNM-created peerings;
 * the planner keys on it) followed by a hash of the network manager and the remote VNet, and the remote's name.
 * An `ANM_` peering to the same remote that is already there (an export of a real estate) keeps its name.
 */
export function anmPeeringName(networkManagerId: string, vnet: ArmResource, remote: ArmResource): string {
  const existing = childArray(vnet, 'virtualNetworkPeerings').find(
    (p) => String(p.name).startsWith('ANM_') && idKey(remoteIdOf(p) ?? '') === idKey(remote.id),
  );
  if (typeof existing?.name === 'string') return existing.name;
  const hash = createHash('sha256')
    .update(`${idKey(networkManagerId)}|${idKey(remote.id)}`)
    .digest('hex')
    .slice(0, 16)
    .toUpperCase();
  return `ANM_${hash}_${remote.name ?? ''}`.slice(0, 80);
}

function hasGateway(emulator: Emulator, hub: ArmResource): boolean {
  return childArray(hub, 'subnets').some(
    (s) =>
      String(s.name).toLowerCase() === 'gatewaysubnet' &&
      emulator.store
        .referencing(String(s.id))
        .some((r) => r.type.toLowerCase() === 'microsoft.network/virtualnetworkgateways'),
  );
}

/** Every hub<->spoke peering the network manager's deployed hub-and-spoke configurations call for. */
function wantedPeerings(emulator: Emulator, networkManager: ArmResource): WantedPeering[] {
  const out: WantedPeering[] = [];
  for (const [region, ids] of deployedConfigurations(emulator, networkManager.id, 'Connectivity')) {
    for (const id of ids) {
      const config = emulator.store.get(id);
      if (!config) continue;
      const p = props(config);
      if (p.connectivityTopology !== 'HubAndSpoke') continue;
      const hubId = Array.isArray(p.hubs) && isRecord(p.hubs[0]) ? p.hubs[0].resourceId : undefined;
      const hub = typeof hubId === 'string' ? emulator.store.get(hubId) : undefined;
      if (!hub) continue;
      const enforced =
        isRecord(p.connectivityCapabilities) && p.connectivityCapabilities.peeringEnforcement === 'Enforced';
      const groups = Array.isArray(p.appliesToGroups) ? p.appliesToGroups.filter(isRecord) : [];
      for (const g of groups) {
        const gateway = g.useHubGateway === 'True';
        for (const spoke of staticMemberVnets(emulator, String(g.networkGroupId))) {
          if (idKey(spoke.id) === idKey(hub.id) || regionKey(spoke.location ?? '') !== region) continue;
          const base = { configurationId: config.id, enforced };
          out.push({
            ...base,
            vnet: hub,
            remote: spoke,
            allowGatewayTransit: gateway,
            useRemoteGateways: false,
          });
          // With useHubGateway and no gateway in the hub, the spoke's side fails and the hub's stays Initiated
          // (concept-connectivity-configuration.md, "Use hub as a gateway").
          if (!gateway || hasGateway(emulator, hub))
            out.push({
              ...base,
              vnet: spoke,
              remote: hub,
              allowGatewayTransit: false,
              useRemoteGateways: gateway,
            });
        }
      }
    }
  }
  return out;
}

/** VNets whose ANM_ peerings this network manager may own: the hubs of its configurations and their members. */
function managedVnets(emulator: Emulator, networkManager: ArmResource): Set<string> {
  const out = new Set<string>();
  const prefix = `${idKey(networkManager.id)}/`;
  for (const config of emulator.store.ofType(CONNECTIVITY_CONFIGURATIONS)) {
    if (!idKey(config.id).startsWith(prefix)) continue;
    const p = props(config);
    for (const h of Array.isArray(p.hubs) ? p.hubs.filter(isRecord) : [])
      if (typeof h.resourceId === 'string') out.add(idKey(h.resourceId));
  }
  return out;
}

function peeringBody(w: WantedPeering, name: string, existing: Json | undefined): Json {
  const space = addressSpaceOf(w.remote);
  return {
    name,
    id: `${w.vnet.id}/virtualNetworkPeerings/${name}`,
    type: `${VNET_TYPE}/virtualNetworkPeerings`,
    etag: existing?.etag ?? `W/"${randomUUID()}"`,
    properties: {
      ...(isRecord(existing?.properties) ? existing.properties : {}),
      remoteVirtualNetwork: { id: w.remote.id },
      allowVirtualNetworkAccess: true,
      allowForwardedTraffic: true,
      allowGatewayTransit: w.allowGatewayTransit,
      useRemoteGateways: w.useRemoteGateways,
      // A deployment writes the peering afresh: its remote address space is the remote's as it is now.
      remoteAddressSpace: space,
      remoteVirtualNetworkAddressSpace: space,
      provisioningState: 'Succeeded',
    },
  };
}

/**
 * Makes every VNet's AVNM peerings match what the deployed hub-and-spoke configurations want: creates the
 * missing ones, rewrites the others (which syncs their remote address space, as a redeployment does), removes
 * ANM_ peerings no deployment wants any more on the VNets this manager connects, and, with deleteExistingPeering,
 * the user's own peerings between a hub and its spokes.
 */
export function applyConnectivity(emulator: Emulator, networkManager: ArmResource): void {
  const wanted = wantedPeerings(emulator, networkManager);
  const byVnet = new Map<string, WantedPeering[]>();
  for (const w of wanted) byVnet.set(idKey(w.vnet.id), [...(byVnet.get(idKey(w.vnet.id)) ?? []), w]);
  const hubs = managedVnets(emulator, networkManager);
  const touched = new Set([...byVnet.keys(), ...hubs]);
  for (const w of wanted) touched.add(idKey(w.remote.id));
  // Spokes that still peer to one of this manager's hubs (their ANM_ side may have to go).
  for (const hub of hubs)
    for (const r of emulator.store.referencing(hub))
      if (r.type.toLowerCase() === VNET_TYPE.toLowerCase()) touched.add(idKey(r.id));
  const deleteExisting = new Set(
    wanted
      .filter(
        (w) =>
          props(emulator.store.get(w.configurationId) ?? { properties: {} }).deleteExistingPeering === 'True',
      )
      .map((w) => `${idKey(w.vnet.id)}|${idKey(w.remote.id)}`),
  );
  const changed: ArmResource[] = [];
  for (const key of touched) {
    const stored = emulator.store.get(key);
    if (!stored || stored.type.toLowerCase() !== VNET_TYPE.toLowerCase()) continue;
    const mine = byVnet.get(key) ?? [];
    const wantedRemotes = new Set(mine.map((w) => idKey(w.remote.id)));
    const before = childArray(stored, 'virtualNetworkPeerings');
    const kept = before.filter((p) => {
      const remote = idKey(remoteIdOf(p) ?? '');
      if (!String(p.name).startsWith('ANM_')) return !deleteExisting.has(`${key}|${remote}`);
      // Rewritten below if still wanted; gone if this manager connected the pair and no longer does.
      return !wantedRemotes.has(remote) && !hubs.has(key) && !hubs.has(remote);
    });
    // Two VNets peer once: a user's own peering between a hub and a spoke stays in place of AVNM's
    // unless the configuration says deleteExistingPeering.
    const userPeered = new Set(kept.map((p) => idKey(remoteIdOf(p) ?? '')));
    const managed = mine
      .filter((w) => !userPeered.has(idKey(w.remote.id)))
      .map((w) => {
        const name = anmPeeringName(networkManager.id, stored, w.remote);
        return peeringBody(
          w,
          name,
          before.find((p) => p.name === name),
        );
      });
    const next = [...kept, ...managed];
    if (JSON.stringify(next) === JSON.stringify(before)) continue;
    const vnet = structuredClone(stored);
    props(vnet).virtualNetworkPeerings = next;
    emulator.store.put(vnet);
    changed.push(vnet);
  }
  for (const vnet of changed) refreshPeeringsAround(emulator.store, vnet);
}

/**
 * The configuration that owns a peering and enforces it (connectivityCapabilities.peeringEnforcement Enforced):
 * such peerings can be changed or deleted only through the network manager. Unenforced ones can, and the next
 * deployment overwrites the change.
 */
export function enforcingConfiguration(
  emulator: Emulator,
  vnetId: string,
  peeringName: string,
): string | undefined {
  if (!peeringName.startsWith('ANM_')) return undefined;
  const vnet = emulator.store.get(vnetId);
  if (!vnet) return undefined;
  for (const nm of emulator.store.ofType(NETWORK_MANAGERS))
    for (const w of wantedPeerings(emulator, nm))
      if (
        w.enforced &&
        idKey(w.vnet.id) === idKey(vnetId) &&
        anmPeeringName(nm.id, vnet, w.remote).toLowerCase() === peeringName.toLowerCase()
      )
        return w.configurationId;
  return undefined;
}

/** Refuses a user's write or delete of an enforced AVNM peering (virtualNetworks' peering routes call it). */
export function checkPeeringNotEnforced(emulator: Emulator, vnetId: string, peeringName: string): void {
  const config = enforcingConfiguration(emulator, vnetId, peeringName);
  if (config) throw peeringManagedByNetworkManager(`${vnetId}/virtualNetworkPeerings/${peeringName}`, config);
}

registerCommitType('Connectivity', {
  configurationType: CONNECTIVITY_CONFIGURATIONS,
  apply: ({ emulator, networkManager }) => applyConnectivity(emulator, networkManager),
});
