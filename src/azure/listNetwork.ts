import type { ArmResource } from '../arm/ArmResource';
import { idKey, parseResourceId } from '../arm/resourceId';
import { classifyError } from './classifyError';
import { DualstackError } from './DualstackError';
import { subscriptionClients, type NetworkClients } from './networkClient';
import {
  DISCOVERED_TYPES,
  NETWORK_RESOURCE_TYPES,
  networkResourceType,
  type NetworkResourceType,
  type Pages,
} from './networkResourceTypes';
import { runLimited } from './runLimited';
import { wireCapture, type WireCapture } from './wireCapture';

export interface ListNetworkOptions {
  /** Types to list (default: DISCOVERED_TYPES, everything the planner reads). */
  types?: readonly string[];
  /** Lists in flight at once (default 6; ARM allows a principal 25 reads/s per subscription). */
  concurrency?: number;
  abortSignal?: AbortSignal;
}

const GATEWAYS = 'microsoft.network/virtualnetworkgateways';
const VNETS = networkResourceType('Microsoft.Network/virtualNetworks') as NetworkResourceType;
const RG_ID_RE = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/?$/i;

/** resource group scope per subscription (lower-case keys); undefined: whole subscriptions */
type RgScope = Map<string, Set<string>> | undefined;

function checkSubscriptions(input: readonly string[]): string[] {
  const subscriptionIds: readonly unknown[] = Array.isArray(input) ? input : [];
  if (subscriptionIds.length === 0) {
    throw new TypeError('subscriptionIds: at least one subscription id is required');
  }
  subscriptionIds.forEach((s, i) => {
    if (typeof s !== 'string' || !/^[0-9a-f-]{36}$/i.test(s)) {
      throw new TypeError(`subscriptionIds[${i}]: '${String(s)}' is not a subscription id (a GUID)`);
    }
  });
  return [...new Set(input.map((s) => s.toLowerCase()))];
}

/** Resource groups by name (in every subscription) or by id (`/subscriptions/{s}/resourceGroups/{rg}`). */
function rgScope(subscriptions: string[], resourceGroups: readonly string[] | undefined): RgScope {
  if (resourceGroups === undefined || resourceGroups.length === 0) return undefined;
  const scope = new Map(subscriptions.map((s) => [s, new Set<string>()]));
  resourceGroups.forEach((rg, i) => {
    const m = RG_ID_RE.exec(rg);
    if (m) {
      const set = scope.get((m[1] ?? '').toLowerCase());
      if (!set)
        throw new TypeError(`resourceGroups[${i}]: '${rg}' is in a subscription outside subscriptionIds`);
      set.add((m[2] ?? '').toLowerCase());
    } else if (typeof rg === 'string' && /^[-\w._()]{1,90}$/.test(rg) && !rg.endsWith('.')) {
      for (const set of scope.values()) set.add(rg.toLowerCase());
    } else {
      throw new TypeError(
        `resourceGroups[${i}]: '${String(rg)}' is neither a resource group name nor a resource group id`,
      );
    }
  });
  return scope;
}

function inScope(scope: RgScope, r: ArmResource): boolean {
  if (!scope) return true;
  const id = parseResourceId(r.id);
  return !!id && !!scope.get(id.subscriptionId.toLowerCase())?.has(id.resourceGroup.toLowerCase());
}

/** Drives a paged list and keeps every page's `value` exactly as sent. */
async function drain(
  pages: (o: { onResponse: WireCapture['onResponse'] }) => Pages | undefined,
): Promise<ArmResource[]> {
  const capture = wireCapture();
  const list = pages({ onResponse: capture.onResponse });
  if (!list) return [];
  for await (const page of list.byPage()) void page;
  return capture.bodies.flatMap((b) => (b as { value?: ArmResource[] }).value ?? []);
}

/**
 * Resource groups that may hold a virtual network gateway, read off the VNets already listed: a
 * gateway sits in its VNet's GatewaySubnet, whose ipConfigurations name it. The API lists
 * gateways only per resource group, so this keeps discovery to lists (no per-resource GETs).
 */
function gatewayResourceGroups(vnets: ArmResource[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const add = (sub: string, rg: string): void => {
    const set = out.get(sub.toLowerCase()) ?? new Set<string>();
    set.add(rg.toLowerCase());
    out.set(sub.toLowerCase(), set);
  };
  for (const vnet of vnets) {
    const subnets = (vnet.properties?.subnets ?? []) as ArmResource[];
    const gatewaySubnet = subnets.find((s) => s.name?.toLowerCase() === 'gatewaysubnet');
    if (!gatewaySubnet) continue;
    const vnetId = parseResourceId(vnet.id);
    if (vnetId) add(vnetId.subscriptionId, vnetId.resourceGroup);
    for (const ipc of (gatewaySubnet.properties?.ipConfigurations ?? []) as { id?: string }[]) {
      const ref = parseResourceId(ipc.id ?? '');
      if (ref?.type.toLowerCase().startsWith(GATEWAYS)) add(ref.subscriptionId, ref.resourceGroup);
    }
  }
  return out;
}

/** Children listed per parent rather than inline (private DNS zones' links and A/AAAA record sets). */
function childListTasks(
  clients: NetworkClients,
  parents: ArmResource[],
  into: ArmResource[],
  abortSignal: AbortSignal | undefined,
): (() => Promise<void>)[] {
  return parents.flatMap((parent) => {
    const id = parseResourceId(parent.id);
    if (!id) return [];
    return NETWORK_RESOURCE_TYPES.filter(
      (t) => t.listByParent && parentType(t.type) === id.type.toLowerCase(),
    ).map((ops) => async () => {
      try {
        const items = await drain((o) =>
          ops.listByParent?.(subscriptionClients(clients, id.subscriptionId), id.resourceGroup, id.names, {
            ...o,
            abortSignal,
          }),
        );
        into.push(...(ops.fromListItems ? ops.fromListItems(parent.id, items) : items));
      } catch (e) {
        const err = classifyError(e, { resourceId: parent.id });
        throw new DualstackError({
          ...err.toJSON(),
          detail: `listing ${ops.type} of ${parent.id}: ${err.detail}`,
        });
      }
    });
  });
}

function parentType(type: string): string {
  return type.slice(0, type.lastIndexOf('/')).toLowerCase();
}

/**
 * Everything the planner reads, as ARM GET returns it: one paged list per type per subscription
 * (virtual network gateways: per resource group, the API has no subscription-wide list), never a
 * GET per resource. Children (subnets, peerings, circuit peerings) come inline in their parents.
 * Sorted by resource id. Throws a classified DualstackError naming the failed list.
 */
export async function listNetwork(
  clients: NetworkClients,
  subscriptionIds: readonly string[],
  resourceGroups?: readonly string[],
  options: ListNetworkOptions = {},
): Promise<ArmResource[]> {
  const subscriptions = checkSubscriptions(subscriptionIds);
  const scope = rgScope(subscriptions, resourceGroups);
  const types = (options.types ?? DISCOVERED_TYPES).map((t, i) => {
    const ops = networkResourceType(t);
    if (!ops || !(ops.listAll ?? ops.listByResourceGroup)) {
      throw new TypeError(
        `options.types[${i}]: '${t}' is not a type the access layer lists (${DISCOVERED_TYPES.join(', ')})`,
      );
    }
    return ops;
  });
  const { abortSignal } = options;
  const found: ArmResource[] = [];

  const listTask =
    (sub: string, ops: NetworkResourceType, into: ArmResource[], rg?: string) => async (): Promise<void> => {
      const client = subscriptionClients(clients, sub);
      const where = rg ? `/subscriptions/${sub}/resourceGroups/${rg}` : `/subscriptions/${sub}`;
      try {
        into.push(
          ...(await drain((o) =>
            rg !== undefined && ops.listByResourceGroup
              ? ops.listByResourceGroup(client, rg, { ...o, abortSignal })
              : ops.listAll?.(client, { ...o, abortSignal }),
          )),
        );
      } catch (e) {
        const err = classifyError(e, { resourceId: where });
        throw new DualstackError({
          ...err.toJSON(),
          detail: `listing ${ops.type} in ${where}: ${err.detail}`,
        });
      }
    };
  const concurrency = options.concurrency ?? 6;

  await runLimited(
    subscriptions.flatMap((sub) => types.filter((t) => t.listAll).map((t) => listTask(sub, t, found))),
    concurrency,
  );
  const byResourceGroupOnly = types.filter((t) => !t.listAll);
  if (byResourceGroupOnly.length) {
    let rgs = scope;
    if (!rgs) {
      // The VNets say where gateways live; list them for that even if the caller didn't ask for VNets.
      const isVnet = (r: ArmResource): boolean => r.type.toLowerCase() === VNETS.type.toLowerCase();
      let vnets = found.filter(isVnet);
      if (!types.includes(VNETS)) {
        vnets = [];
        await runLimited(
          subscriptions.map((sub) => listTask(sub, VNETS, vnets)),
          concurrency,
        );
      }
      rgs = gatewayResourceGroups(vnets);
    }
    await runLimited(
      [...rgs].flatMap(([sub, set]) =>
        [...set].flatMap((rg) => byResourceGroupOnly.map((t) => listTask(sub, t, found, rg))),
      ),
      concurrency,
    );
  }

  // Children listed per parent, level by level: AVNM rules sit under collections under configurations.
  let parents = found.filter((r) => inScope(scope, r));
  while (parents.length > 0) {
    const children: ArmResource[] = [];
    await runLimited(childListTasks(clients, parents, children, abortSignal), concurrency);
    found.push(...children);
    parents = children;
  }

  return scopedAndSorted(found, scope);
}

function scopedAndSorted(found: readonly ArmResource[], scope: RgScope): ArmResource[] {
  const seen = new Set<string>();
  return found
    .filter((r) => inScope(scope, r) && !seen.has(idKey(r.id)) && seen.add(idKey(r.id)))
    .sort((a, b) => (idKey(a.id) < idKey(b.id) ? -1 : idKey(a.id) > idKey(b.id) ? 1 : 0));
}

/**
 * What listNetwork would return if `resources` (an exported estate) were Azure: the types it
 * lists, in the subscriptions and resource groups given, one per id, sorted. Offline planning
 * plans exactly what a run would observe.
 */
export function listNetworkOffline(
  resources: readonly ArmResource[],
  subscriptionIds: readonly string[],
  resourceGroups?: readonly string[],
): ArmResource[] {
  const subscriptions = new Set(checkSubscriptions(subscriptionIds));
  const types = new Set(
    [...DISCOVERED_TYPES, ...NETWORK_RESOURCE_TYPES.filter((t) => t.listByParent).map((t) => t.type)].map(
      (t) => t.toLowerCase(),
    ),
  );
  const listed = resources.filter((r) => {
    const id = parseResourceId(r.id);
    return !!id && subscriptions.has(id.subscriptionId.toLowerCase()) && types.has(r.type.toLowerCase());
  });
  return scopedAndSorted(listed, rgScope([...subscriptions], resourceGroups));
}
