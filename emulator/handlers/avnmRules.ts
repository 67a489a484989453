import type { ArmResource } from '../../src/arm/ArmResource';
import { parseCidr, parseIp } from '../../src/arm/cidr';
import { adminRulePriorityConflict, invalidAvnmRule } from '../../src/arm/errors/avnmRuleErrors';
import {
  invalidNetworkManagerReference,
  scopeAccessNotEnabled,
} from '../../src/arm/errors/networkManagerErrors';
import {
  invalidNextHopIpAddress,
  ipv6RouteVirtualNetworkGatewayNextHopNotSupported,
  routeNextHopIpVersionMismatch,
} from '../../src/arm/errors/routeTableErrors';
import { invalidAddressPrefixFormat } from '../../src/arm/errors/virtualNetworkErrors';
import { idKey, parseResourceId } from '../../src/arm/resourceId';
import type { Emulator } from '../Emulator';
import { childArray, isRecord, props, type Json } from '../store/subResources';
import { newEtag, stampEtag } from './commitState';
import { NETWORK_GROUPS, staticMemberVnets } from './networkGroups';
import {
  childrenOfType,
  NETWORK_MANAGERS,
  type ChildWriteContext,
  type NetworkManagerChildSpec,
} from './networkManagerChildren';
import {
  deployedConfigurations,
  deploymentStatuses,
  regionKey,
  registerCommitType,
  configurationDelete,
} from './networkManagerCommit';
import { routeTableSpec } from './routeTables';
import { virtualNetworkSpec } from './virtualNetworks';

export const ROUTING_CONFIGURATIONS = `${NETWORK_MANAGERS}/routingConfigurations`;
export const ROUTING_COLLECTIONS = `${ROUTING_CONFIGURATIONS}/ruleCollections`;
export const ROUTING_RULES = `${ROUTING_COLLECTIONS}/rules`;
export const ADMIN_CONFIGURATIONS = `${NETWORK_MANAGERS}/securityAdminConfigurations`;
export const ADMIN_COLLECTIONS = `${ADMIN_CONFIGURATIONS}/ruleCollections`;
export const ADMIN_RULES = `${ADMIN_COLLECTIONS}/rules`;
/** The resource group AVNM keeps its route tables in (ManagedOnly), one per subscription. [inferred name] */
export const MANAGED_RESOURCE_GROUP = (subscriptionId: string) =>
  `AVNM-Managed-ResourceGroup-${subscriptionId}`;
/** Routes AVNM writes into a route table are named `ANM_…`, as its peerings are (how they are told from people's). */
const ANM = 'ANM_';

function oneOf(value: unknown, allowed: readonly string[], field: string, required = false): void {
  if (value === undefined ? required : !(typeof value === 'string' && allowed.includes(value)))
    throw invalidAvnmRule(
      field,
      value === undefined ? 'is required' : `${JSON.stringify(value)} is not one of ${allowed.join(', ')}`,
    );
}

/** ARM's systemData: created once, modified on every write (what tells a rule changed since the last commit). */
function stamp({ resource, existing }: ChildWriteContext): void {
  const now = new Date().toISOString();
  const before = (existing as { systemData?: Json } | undefined)?.systemData;
  (resource as ArmResource & { systemData?: Json }).systemData = {
    createdAt: typeof before?.createdAt === 'string' ? before.createdAt : now,
    createdByType: 'Application',
    lastModifiedAt: now,
    lastModifiedByType: 'Application',
  };
}

function requireAccess(ctx: ChildWriteContext, access: 'Routing' | 'SecurityAdmin'): void {
  const accesses = props(ctx.networkManager).networkManagerScopeAccesses;
  if (!Array.isArray(accesses) || !accesses.includes(access))
    throw scopeAccessNotEnabled(ctx.networkManager.id, access, 'properties');
}

/** `appliesTo` (routing) / `appliesToGroups` (security admin): required, each a network group of this manager. */
function checkGroups(ctx: ChildWriteContext, property: 'appliesTo' | 'appliesToGroups'): void {
  const groups = props(ctx.resource)[property];
  const field = `properties.${property}`;
  if (!Array.isArray(groups) || groups.length === 0) throw invalidAvnmRule(field, 'names no network group');
  groups.forEach((g, i) => {
    const id = isRecord(g) ? g.networkGroupId : undefined;
    const group = typeof id === 'string' ? ctx.emulator.store.get(id) : undefined;
    if (
      !group ||
      group.type.toLowerCase() !== NETWORK_GROUPS.toLowerCase() ||
      !idKey(group.id).startsWith(`${idKey(ctx.networkManager.id)}/`)
    )
      throw invalidNetworkManagerReference(
        `${field}[${i}].networkGroupId`,
        String(id),
        `is not a network group of ${ctx.networkManager.id}`,
      );
    (g as Json).networkGroupId = group.id;
  });
}

export const routingConfigurationSpec = configurationDelete({
  type: ROUTING_CONFIGURATIONS,
  prepare: (ctx) => {
    requireAccess(ctx, 'Routing');
    const p = props(ctx.resource);
    oneOf(p.routeTableUsageMode, ['ManagedOnly', 'UseExisting'], 'properties.routeTableUsageMode');
    p.routeTableUsageMode ??= 'ManagedOnly';
    stamp(ctx);
  },
});

export const routingCollectionSpec: NetworkManagerChildSpec = {
  type: ROUTING_COLLECTIONS,
  prepare: (ctx) => {
    checkGroups(ctx, 'appliesTo');
    const p = props(ctx.resource);
    oneOf(p.disableBgpRoutePropagation, ['True', 'False'], 'properties.disableBgpRoutePropagation');
    p.disableBgpRoutePropagation ??= 'False';
    stamp(ctx);
  },
  asyncDelete: true,
};

const NEXT_HOPS = ['Internet', 'NoNextHop', 'VirtualAppliance', 'VirtualNetworkGateway', 'VnetLocal'];

export const routingRuleSpec: NetworkManagerChildSpec = {
  type: ROUTING_RULES,
  prepare: (ctx) => {
    const { resource } = ctx;
    const p = props(resource);
    const destination = isRecord(p.destination) ? p.destination : undefined;
    if (!destination) throw invalidAvnmRule('properties.destination', 'is required');
    oneOf(destination.type, ['AddressPrefix', 'ServiceTag'], 'properties.destination.type', true);
    const address = destination.destinationAddress;
    if (typeof address !== 'string' || address === '')
      throw invalidAvnmRule('properties.destination.destinationAddress', 'is required');
    const cidr = destination.type === 'AddressPrefix' ? parseCidr(address) : undefined;
    if (destination.type === 'AddressPrefix' && !cidr)
      throw invalidAddressPrefixFormat(address, resource.id, 'properties.destination.destinationAddress');
    const hop = isRecord(p.nextHop) ? p.nextHop : undefined;
    if (!hop) throw invalidAvnmRule('properties.nextHop', 'is required');
    oneOf(hop.nextHopType, NEXT_HOPS, 'properties.nextHop.nextHopType', true);
    const field = 'properties.nextHop.nextHopAddress';
    if (hop.nextHopType === 'VirtualAppliance') {
      const ip = typeof hop.nextHopAddress === 'string' ? parseIp(hop.nextHopAddress) : undefined;
      if (!ip)
        throw invalidNextHopIpAddress(
          resource.id,
          typeof hop.nextHopAddress === 'string'
            ? hop.nextHopAddress
            : JSON.stringify(hop.nextHopAddress ?? ''),
          field,
        );
      if (cidr && cidr.version !== ip.version)
        throw routeNextHopIpVersionMismatch(
          resource.id,
          cidr.version,
          String(hop.nextHopAddress),
          ip.version,
          field,
        );
    } else if (hop.nextHopAddress !== undefined)
      throw invalidAvnmRule(
        field,
        `is only for next hop type VirtualAppliance, not ${String(hop.nextHopType)}`,
      );
    if (cidr?.version === 'IPv6' && hop.nextHopType === 'VirtualNetworkGateway')
      throw ipv6RouteVirtualNetworkGatewayNextHopNotSupported(resource.id, 'properties.nextHop.nextHopType');
    stamp(ctx);
  },
  asyncDelete: true,
};

export const securityAdminConfigurationSpec = configurationDelete({
  type: ADMIN_CONFIGURATIONS,
  prepare: (ctx) => {
    requireAccess(ctx, 'SecurityAdmin');
    stamp(ctx);
  },
});

export const adminCollectionSpec: NetworkManagerChildSpec = {
  type: ADMIN_COLLECTIONS,
  prepare: (ctx) => {
    checkGroups(ctx, 'appliesToGroups');
    stamp(ctx);
  },
  asyncDelete: true,
};

function checkPrefixItems(resource: ArmResource, side: 'sources' | 'destinations'): void {
  const items = props(resource)[side];
  if (items === undefined) return;
  if (!Array.isArray(items)) throw invalidAvnmRule(`properties.${side}`, 'must be an array');
  items.forEach((item, i) => {
    const field = `properties.${side}[${i}]`;
    if (!isRecord(item)) throw invalidAvnmRule(field, 'must be an object');
    oneOf(item.addressPrefixType, ['IPPrefix', 'ServiceTag'], `${field}.addressPrefixType`, true);
    const prefix = item.addressPrefix;
    if (typeof prefix !== 'string' || prefix === '')
      throw invalidAvnmRule(`${field}.addressPrefix`, 'is required');
    if (item.addressPrefixType === 'IPPrefix' && !parseCidr(prefix) && !parseIp(prefix))
      throw invalidAddressPrefixFormat(prefix, resource.id, `${field}.addressPrefix`);
  });
}

export const adminRuleSpec: NetworkManagerChildSpec = {
  type: ADMIN_RULES,
  prepare: (ctx) => {
    const { resource, parent, emulator } = ctx;
    // The emulator takes Custom rules only (Default rules come from AVNM's own default collections).
    (resource as ArmResource & { kind?: string }).kind = 'Custom';
    const p = props(resource);
    const priority = p.priority;
    if (typeof priority !== 'number' || !Number.isInteger(priority) || priority < 1 || priority > 4096)
      throw invalidAvnmRule('properties.priority', 'must be an integer from 1 to 4096');
    oneOf(p.direction, ['Inbound', 'Outbound'], 'properties.direction', true);
    oneOf(p.access, ['Allow', 'Deny', 'AlwaysAllow'], 'properties.access', true);
    oneOf(p.protocol, ['Tcp', 'Udp', 'Icmp', 'Esp', 'Any', 'Ah'], 'properties.protocol', true);
    checkPrefixItems(resource, 'sources');
    checkPrefixItems(resource, 'destinations');
    const other = childrenOfType(emulator, parent.id, ADMIN_RULES).find(
      (r) => idKey(r.id) !== idKey(resource.id) && props(r).priority === priority,
    );
    if (other) throw adminRulePriorityConflict(resource.id, other.id, priority, 'properties.priority');
    stamp(ctx);
  },
  decorate: (_emulator, rule) => ({ ...rule, kind: 'Custom' }) as ArmResource,
  asyncDelete: true,
};

/** The subnets (as stored in their VNets) a collection's groups reach in one region. */
function targetSubnets(
  emulator: Emulator,
  collection: ArmResource,
  region: string,
): { vnet: ArmResource; subnet: Json }[] {
  const groups = props(collection).appliesTo;
  const out: { vnet: ArmResource; subnet: Json }[] = [];
  for (const g of Array.isArray(groups) ? groups : []) {
    if (!isRecord(g) || typeof g.networkGroupId !== 'string') continue;
    for (const vnet of staticMemberVnets(emulator, g.networkGroupId))
      if (regionKey(vnet.location ?? '') === region)
        for (const subnet of childArray(vnet, 'subnets')) out.push({ vnet, subnet });
  }
  return out;
}

function routeOf(rule: ArmResource, collection: ArmResource): Json {
  const p = props(rule);
  const destination = isRecord(p.destination) ? p.destination : {};
  const hop = isRecord(p.nextHop) ? p.nextHop : {};
  const type = hop.nextHopType === 'NoNextHop' ? 'None' : String(hop.nextHopType);
  return {
    name: `${ANM}${collection.name}_${rule.name}`.slice(0, 80),
    properties: {
      addressPrefix: destination.destinationAddress,
      nextHopType: type,
      ...(type === 'VirtualAppliance' ? { nextHopIpAddress: hop.nextHopAddress } : {}),
    },
  };
}

interface SubnetRoutes {
  vnet: ArmResource;
  subnet: Json;
  managedOnly: boolean;
  disableBgp: boolean;
  routes: Json[];
}

/** subnet key -> the routes the deployed routing configurations want there. */
function wantedRoutes(emulator: Emulator, networkManager: ArmResource): Map<string, SubnetRoutes> {
  const out = new Map<string, SubnetRoutes>();
  for (const [region, ids] of deployedConfigurations(emulator, networkManager.id, 'Routing'))
    for (const id of ids) {
      const config = emulator.store.get(id);
      if (!config) continue;
      const managedOnly = props(config).routeTableUsageMode !== 'UseExisting';
      for (const collection of childrenOfType(emulator, config.id, ROUTING_COLLECTIONS)) {
        const rules = childrenOfType(emulator, collection.id, ROUTING_RULES);
        for (const { vnet, subnet } of targetSubnets(emulator, collection, region)) {
          const key = idKey(String(subnet.id));
          const entry = out.get(key) ?? { vnet, subnet, managedOnly, disableBgp: false, routes: [] };
          entry.disableBgp ||= props(collection).disableBgpRoutePropagation === 'True';
          entry.routes.push(...rules.map((r) => routeOf(r, collection)));
          out.set(key, entry);
        }
      }
    }
  return out;
}

function routeTableId(subscriptionId: string, resourceGroup: string, name: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Network/routeTables/${name}`;
}

/** The route table AVNM keeps for a subnet (ManagedOnly), created in its managed resource group when missing. */
function managedTable(
  emulator: Emulator,
  vnet: ArmResource,
  subnet: Json,
  copyFrom: ArmResource | undefined,
): ArmResource {
  const sub = parseResourceId(vnet.id)?.subscriptionId ?? '';
  const rg = MANAGED_RESOURCE_GROUP(sub);
  const id = routeTableId(sub, rg, `${vnet.name}-${String(subnet.name)}-avnm`);
  const found = emulator.store.get(id);
  if (found) return found;
  emulator.store.putResourceGroup(sub, rg, vnet.location ?? 'westeurope');
  // It takes over the subnet's routes, people's included: they keep working under AVNM.
  const copied = (copyFrom ? childArray(copyFrom, 'routes') : [])
    .filter((r) => !String(r.name).startsWith(ANM))
    .map((r) => ({
      id: `${id}/routes/${String(r.name)}`,
      name: r.name,
      properties: { ...props(r), provisioningState: 'Succeeded' },
    }));
  return {
    id,
    name: id.split('/').at(-1) ?? '',
    type: 'Microsoft.Network/routeTables',
    location: vnet.location ?? 'westeurope',
    tags: { 'managed-by': 'AzureVirtualNetworkManager' },
    properties: { provisioningState: 'Succeeded', disableBgpRoutePropagation: false, routes: copied },
  };
}

/**
 * Routing deployments: every target subnet's route table carries exactly the `ANM_` routes of the routing rules
 * deployed in its region (a rule whose destination a route of people's already has is ignored); other routes are
 * left alone. ManagedOnly: the table is AVNM's own (created with the subnet's former routes and associated with
 * the subnet); UseExisting: the subnet's table (or AVNM's when it has none).
 */
function applyRouting(emulator: Emulator, networkManager: ArmResource): void {
  const wanted = wantedRoutes(emulator, networkManager);
  const tables = new Map<string, { table: ArmResource; anm: Json[]; disableBgp: boolean }>();
  const associate: { vnet: ArmResource; subnetName: string; tableId: string }[] = [];
  for (const w of wanted.values()) {
    const current = isRecord(props(w.subnet).routeTable)
      ? String((props(w.subnet).routeTable as Json).id)
      : undefined;
    const currentTable = current ? emulator.store.get(current) : undefined;
    const isManaged = currentTable?.tags?.['managed-by'] === 'AzureVirtualNetworkManager';
    const table =
      (w.managedOnly && !isManaged) || !currentTable
        ? managedTable(emulator, w.vnet, w.subnet, currentTable)
        : currentTable;
    if (idKey(table.id) !== idKey(current ?? ''))
      associate.push({ vnet: w.vnet, subnetName: String(w.subnet.name), tableId: table.id });
    const entry = tables.get(idKey(table.id)) ?? { table, anm: [], disableBgp: false };
    entry.disableBgp ||= w.disableBgp;
    for (const r of w.routes) if (!entry.anm.some((x) => x.name === r.name)) entry.anm.push(r);
    tables.set(idKey(table.id), entry);
  }
  // Tables that hold ANM_ routes of this manager's rules but no longer get any: their ANM_ routes go.
  for (const t of emulator.store.ofType('Microsoft.Network/routeTables'))
    if (!tables.has(idKey(t.id)) && childArray(t, 'routes').some((r) => String(r.name).startsWith(ANM)))
      tables.set(idKey(t.id), {
        table: t,
        anm: [],
        disableBgp: props(t).disableBgpRoutePropagation === true,
      });
  for (const { table, anm, disableBgp } of tables.values()) {
    const own = childArray(table, 'routes').filter((r) => !String(r.name).startsWith(ANM));
    const taken = new Set(own.map((r) => String(props(r).addressPrefix).toLowerCase()));
    const routes = [
      ...own,
      ...anm
        .filter((r) => !taken.has(String(props(r).addressPrefix).toLowerCase()))
        .map((r) => ({
          ...r,
          id: `${table.id}/routes/${String(r.name)}`,
          properties: { ...props(r), provisioningState: 'Succeeded' },
        })),
    ];
    const next = structuredClone(table);
    props(next).routes = routes;
    if (disableBgp) props(next).disableBgpRoutePropagation = true;
    if (emulator.store.get(table.id) && JSON.stringify(next) === JSON.stringify(table)) continue;
    stampEtag(routeTableSpec, next, newEtag());
    emulator.store.put(next);
  }
  for (const { vnet, subnetName, tableId } of associate) {
    const stored = emulator.store.get(vnet.id);
    if (!stored) continue;
    const next = structuredClone(stored);
    const subnet = childArray(next, 'subnets').find((s) => s.name === subnetName);
    if (!subnet) continue;
    props(subnet).routeTable = { id: tableId };
    stampEtag(virtualNetworkSpec, next, newEtag());
    emulator.store.put(next);
  }
}

/** The security admin rules each region's last SecurityAdmin commit deployed, as listActiveSecurityAdminRules shows them. */
const activeAdminRules = new WeakMap<Emulator, Map<string, Json[]>>();

function applySecurityAdmin(emulator: Emulator, networkManager: ArmResource): void {
  const byRegion = activeAdminRules.get(emulator) ?? new Map<string, Json[]>();
  activeAdminRules.set(emulator, byRegion);
  const statuses = deploymentStatuses(emulator, networkManager.id);
  for (const [k] of byRegion) if (k.startsWith(`${idKey(networkManager.id)}|`)) byRegion.delete(k);
  for (const [region, ids] of deployedConfigurations(emulator, networkManager.id, 'SecurityAdmin')) {
    const status = statuses.find(
      (s) =>
        regionKey(String(props(s).region)) === region && String(props(s).deploymentType) === 'SecurityAdmin',
    );
    const rules: Json[] = [];
    for (const id of ids) {
      const config = emulator.store.get(id);
      if (!config) continue;
      for (const collection of childrenOfType(emulator, config.id, ADMIN_COLLECTIONS))
        for (const rule of childrenOfType(emulator, collection.id, ADMIN_RULES))
          rules.push({
            id: rule.id,
            kind: 'Custom',
            commitTime: status ? props(status).commitTime : undefined,
            region,
            configurationDescription: props(config).description,
            ruleCollectionDescription: props(collection).description,
            ruleCollectionAppliesToGroups: structuredClone(props(collection).appliesToGroups),
            properties: structuredClone(props(rule)),
          });
    }
    byRegion.set(`${idKey(networkManager.id)}|${region}`, rules);
  }
}

/** The active security admin rules of a network manager in some regions (all when none are named). */
export function activeSecurityAdminRules(
  emulator: Emulator,
  networkManagerId: string,
  regions?: Set<string>,
): Json[] {
  const out: Json[] = [];
  for (const [k, rules] of activeAdminRules.get(emulator) ?? [])
    if (k.startsWith(`${idKey(networkManagerId)}|`) && (!regions || regions.has(k.split('|')[1] ?? '')))
      out.push(...structuredClone(rules));
  return out;
}

registerCommitType('Routing', {
  configurationType: ROUTING_CONFIGURATIONS,
  apply: ({ emulator, networkManager }) => applyRouting(emulator, networkManager),
});
registerCommitType('SecurityAdmin', {
  configurationType: ADMIN_CONFIGURATIONS,
  apply: ({ emulator, networkManager }) => applySecurityAdmin(emulator, networkManager),
});

export const avnmRuleSpecs: NetworkManagerChildSpec[] = [
  routingConfigurationSpec,
  routingCollectionSpec,
  routingRuleSpec,
  securityAdminConfigurationSpec,
  adminCollectionSpec,
  adminRuleSpec,
];
