import { contains, parseCidr, parseIp } from '../../src/arm/cidr';

type Json = Record<string, unknown>;

function isRecord(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Objects the comparison walks into: what a Network request sets or the platform derives from it
 * (address space, subnets, ip configurations, frontends, pools, rules, routes, peerings and the
 * references between them). Anything else in Azure's answer (resourceGuid, default rules, DNS
 * settings, timestamps) is the platform's own and not compared.
 */
const DESCEND = new Set([
  'properties',
  'addressSpace',
  'subnets',
  'ipConfigurations',
  'frontendIPConfigurations',
  'backendAddressPools',
  'loadBalancingRules',
  'securityRules',
  'routes',
  'virtualNetworkPeerings',
  'remoteAddressSpace',
  'remoteVirtualNetworkAddressSpace',
  'localVirtualNetworkAddressSpace',
  'sku',
  'value',
]);

/** Leaves compared for equality (ids case-insensitively, after the subscription mapping). */
const LEAVES = new Set([
  'name',
  'type',
  'provisioningState',
  'addressPrefix',
  'addressPrefixes',
  'privateIPAddressVersion',
  'publicIPAddressVersion',
  'privateIPAllocationMethod',
  'publicIPAllocationMethod',
  'peeringState',
  'peeringSyncLevel',
  'allowVirtualNetworkAccess',
  'allowForwardedTraffic',
  'allowGatewayTransit',
  'useRemoteGateways',
  'priority',
  'direction',
  'access',
  'protocol',
  'sourceAddressPrefix',
  'sourceAddressPrefixes',
  'destinationAddressPrefix',
  'destinationAddressPrefixes',
  'sourcePortRange',
  'sourcePortRanges',
  'destinationPortRange',
  'destinationPortRanges',
  'nextHopType',
  'nextHopIpAddress',
  'primary',
  'frontendPort',
  'backendPort',
  'tags',
]);

/** References compared by their id. */
const REFERENCES = new Set([
  'networkSecurityGroup',
  'routeTable',
  'subnet',
  'publicIPAddress',
  'remoteVirtualNetwork',
  'backendAddressPool',
  'frontendIPConfiguration',
]);

export interface CompareContext {
  /** Recorded ids and values mapped to the emulator's subscription. */
  mapString(s: string): string;
  /** Prefixes of a subnet (by lower-case id) as the emulator last answered them. */
  subnetPrefixes(subnetId: string): string[];
}

function absent(v: unknown): boolean {
  return v === undefined || v === null || (Array.isArray(v) && v.length === 0) || v === '';
}

function sameLeaf(rec: unknown, emu: unknown, ctx: CompareContext): boolean {
  if (absent(rec) && absent(emu)) return true;
  if (typeof rec === 'string') {
    const mapped = ctx.mapString(rec);
    return (
      typeof emu === 'string' &&
      (mapped === emu || (mapped.startsWith('/') && mapped.toLowerCase() === emu.toLowerCase()))
    );
  }
  if (Array.isArray(rec) && Array.isArray(emu)) {
    return rec.length === emu.length && rec.every((r, i) => sameLeaf(r, emu[i], ctx));
  }
  if (isRecord(rec) && isRecord(emu)) {
    const keys = new Set([...Object.keys(rec), ...Object.keys(emu)]);
    return [...keys].every((k) => sameLeaf(rec[k], emu[k], ctx));
  }
  return rec === emu;
}

function show(v: unknown): string {
  return JSON.stringify(v) ?? 'undefined';
}

/** An allocated private address: static ones exactly, dynamic ones inside the emulator's subnet of the same family. */
function compareAddress(rec: Json, emu: Json, path: string, ctx: CompareContext, diffs: string[]): void {
  const recorded = rec.privateIPAddress;
  if (typeof recorded !== 'string') return;
  const actual = emu.privateIPAddress;
  if (typeof actual !== 'string') {
    diffs.push(`${path}.privateIPAddress: recorded ${recorded}, emulator none`);
    return;
  }
  if (rec.privateIPAllocationMethod === 'Static') {
    if (actual.toLowerCase() !== recorded.toLowerCase())
      diffs.push(`${path}.privateIPAddress: recorded ${recorded}, emulator ${actual}`);
    return;
  }
  const subnet = isRecord(emu.subnet) && typeof emu.subnet.id === 'string' ? emu.subnet.id : undefined;
  if (!subnet) return;
  const address = parseIp(actual);
  const family = parseIp(recorded)?.version;
  const prefixes = ctx.subnetPrefixes(subnet).filter((p) => parseCidr(p)?.version === family);
  const inside = (p: string): boolean => {
    const cidr = parseCidr(p);
    return cidr !== undefined && address !== undefined && contains(cidr, address);
  };
  if (address?.version !== family)
    diffs.push(`${path}.privateIPAddress: recorded ${recorded}, emulator ${actual}`);
  else if (prefixes.length > 0 && !prefixes.some(inside))
    diffs.push(`${path}.privateIPAddress: ${actual} is outside the subnet's ${prefixes.join(', ')}`);
}

function compareArrays(
  rec: unknown[],
  emu: unknown,
  path: string,
  ctx: CompareContext,
  diffs: string[],
): void {
  const items = Array.isArray(emu) ? emu : [];
  // Back-references ([{ id }], e.g. a subnet's ipConfigurations) are the platform's; their ids in
  // azure-cli recordings are partly scrubbed, so only how many there are is compared.
  if (rec.every((r) => isRecord(r) && Object.keys(r).length === 1 && typeof r.id === 'string')) {
    if (items.length !== rec.length)
      diffs.push(`${path}: recorded ${rec.length} reference(s), emulator ${items.length}`);
    return;
  }
  const named = rec.every((r) => isRecord(r) && typeof r.name === 'string');
  if (!named) {
    if (!sameLeaf(rec, items, ctx)) diffs.push(`${path}: recorded ${show(rec)}, emulator ${show(emu)}`);
    return;
  }
  for (const r of rec as Json[]) {
    const name = String(r.name).toLowerCase();
    const match = items.find((e) => isRecord(e) && String(e.name).toLowerCase() === name);
    if (!isRecord(match)) diffs.push(`${path}[${String(r.name)}]: missing in the emulator's answer`);
    else compareObjects(r, match, `${path}[${String(r.name)}]`, ctx, diffs);
  }
  if (items.length !== rec.length)
    diffs.push(`${path}: recorded ${rec.length} item(s), emulator ${items.length}`);
}

function compareObjects(rec: Json, emu: Json, path: string, ctx: CompareContext, diffs: string[]): void {
  for (const [key, value] of Object.entries(rec)) {
    const here = path ? `${path}.${key}` : key;
    if (LEAVES.has(key)) {
      if (!sameLeaf(value, emu[key], ctx))
        diffs.push(`${here}: recorded ${show(value)}, emulator ${show(emu[key])}`);
    } else if (REFERENCES.has(key) && isRecord(value)) {
      const target = emu[key];
      if (!isRecord(target) || !sameLeaf(value.id, target.id, ctx))
        diffs.push(
          `${here}.id: recorded ${show(value.id)}, emulator ${show(isRecord(target) ? target.id : target)}`,
        );
    } else if (DESCEND.has(key)) {
      if (Array.isArray(value)) compareArrays(value, emu[key], here, ctx, diffs);
      else if (isRecord(value)) compareObjects(value, isRecord(emu[key]) ? emu[key] : {}, here, ctx, diffs);
    }
  }
  if ('privateIPAddress' in rec) compareAddress(rec, emu, path, ctx, diffs);
}

/** Differences between Azure's recorded answer and the emulator's, in the fields a request influences. */
export function compareBodies(recorded: unknown, actual: unknown, ctx: CompareContext): string[] {
  const diffs: string[] = [];
  if (isRecord(recorded)) compareObjects(recorded, isRecord(actual) ? actual : {}, '', ctx, diffs);
  return diffs;
}

export function errorCode(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined;
  const error = isRecord(body.error) ? body.error : body;
  return typeof error.code === 'string' ? error.code : undefined;
}
