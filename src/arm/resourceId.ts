/**
 * ARM resource ids, parsed once. Azure treats ids case-insensitively, so every
 * comparison in this codebase goes through `sameId` or `idKey`.
 */
export interface ResourceId {
  subscriptionId: string;
  resourceGroup: string;
  /** e.g. `Microsoft.Network/virtualNetworks/subnets` */
  type: string;
  /** names from the top-level resource down, e.g. ['hub', 'GatewaySubnet'] */
  names: string[];
  id: string;
}

const ID_RE = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/([^/]+)\/(.+)$/i;

export function parseResourceId(id: string): ResourceId | undefined {
  const m = ID_RE.exec(id.replace(/\/+$/, ''));
  if (!m) return undefined;
  const [, subscriptionId = '', resourceGroup = '', namespace = '', rest = ''] = m;
  const parts = rest.split('/');
  if (parts.length % 2 !== 0 || parts.some((p) => p.length === 0)) return undefined;
  const types: string[] = [];
  const names: string[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    types.push(parts[i] ?? '');
    names.push(parts[i + 1] ?? '');
  }
  return { subscriptionId, resourceGroup, type: `${namespace}/${types.join('/')}`, names, id };
}

/** What ARM refuses in a name (its reserved characters, controls) and the dot segments a URL would resolve. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what ARM refuses in a name
const UNRESOLVABLE_NAME = /^\.{1,2}$|[<>%&:\\?#*\u0000-\u001f]|\.$/;

/** Whether every name in the id is one ARM could hold: a read of it reaches that resource and no other. */
export function hasResolvableNames(parsed: ResourceId): boolean {
  return [parsed.subscriptionId, parsed.resourceGroup, ...parsed.names].every(
    (n) => !UNRESOLVABLE_NAME.test(n),
  );
}

export function idKey(id: string): string {
  return id.replace(/\/+$/, '').toLowerCase();
}

export function sameId(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && idKey(a) === idKey(b);
}

/** The top-level resource an id belongs to (a subnet id gives its VNet id). */
export function parentResourceId(id: string, depth = 1): string {
  const parts = id.replace(/\/+$/, '').split('/');
  // After the resource group's name: a group may itself be called "providers".
  const from = parts[3]?.toLowerCase() === 'resourcegroups' ? 5 : 3;
  const providers = parts.findIndex((p, i) => i >= from && p.toLowerCase() === 'providers');
  return parts.slice(0, providers + 2 + depth * 2).join('/');
}

export function resourceGroupId(subscriptionId: string, resourceGroup: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}`;
}
