import { randomUUID } from 'node:crypto';
import type { ArmResource } from '../../src/arm/ArmResource';
import type { Cidr } from '../../src/arm/cidr';
import {
  contains,
  formatCidr,
  isCanonical,
  lastAddress,
  overlaps,
  parseCidr,
  sizeOf,
} from '../../src/arm/cidr';
import {
  invalidRequestFormat,
  parentResourceNotFound,
  resourceGroupNotFound,
} from '../../src/arm/errors/commonErrors';
import {
  invalidIpamPrefix,
  invalidNumberOfIpAddresses,
  ipamPoolExhausted,
  ipamPoolInUse,
  prefixAlreadyAllocated,
  prefixOutsidePool,
  staticCidrAmountAmbiguous,
} from '../../src/arm/errors/ipamErrors';
import { idKey } from '../../src/arm/resourceId';
import type { Emulator } from '../Emulator';
import type { EmulatorResponse } from '../http/EmulatorRequest';
import type { HandlerModule, Route, RouteContext } from '../http/router';
import { isRecord, props } from '../store/subResources';
import { bodyOf, emitWrite, getNested, listNested, nestedUnder, sameType } from './nestedResources';
import { checkPreconditions } from './preconditions';
import { NETWORK_API_VERSIONS } from './resourceRoutes';
import { typeRoute } from './typeRoute';

/**
 * Microsoft.Network/networkManagers/{nm}/ipamPools and their staticCidrs (api-version 2025-05-01, wire
 * format of @azure/arm-network 36's IpamPool / StaticCidr / PoolUsage mappers), see emulator/README.md.
 * Pools and static CIDRs are resources of their own under the network manager, which must exist in the
 * store (a topology file or the networkManagers handler puts it there). Writes settle at once.
 */
const POOLS = 'Microsoft.Network/networkManagers/ipamPools';
const STATIC_CIDRS = `${POOLS}/staticCidrs`;
const NM_PATH =
  '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/networkManagers/{networkManagerName}';
const POOL_PATH = `${NM_PATH}/ipamPools/{poolName}`;

/** Pools and static CIDRs are stored beside their network manager, as ARM keeps them. */
export function isIpamType(type: string): boolean {
  const t = type.toLowerCase();
  return t === POOLS.toLowerCase() || t === STATIC_CIDRS.toLowerCase();
}

interface Allocation {
  holder: string;
  prefix: string;
  cidr: Cidr;
}

function prefixesOf(r: ArmResource): string[] {
  const list = props(r).addressPrefixes;
  return Array.isArray(list) ? list.filter((p): p is string => typeof p === 'string') : [];
}

function cidrsOf(texts: string[]): Cidr[] {
  return texts.map((t) => parseCidr(t)).filter((c): c is Cidr => c !== undefined);
}

function managerFor(ctx: RouteContext): string {
  const { subscriptionId = '', resourceGroupName = '', networkManagerName = '' } = ctx.params;
  const group = ctx.emulator.store.getResourceGroup(subscriptionId, resourceGroupName);
  if (!group) throw resourceGroupNotFound(resourceGroupName);
  const id = `/subscriptions/${subscriptionId}/resourceGroups/${group.name}/providers/Microsoft.Network/networkManagers/${networkManagerName}`;
  const nm = ctx.emulator.store.get(id);
  if (!nm) throw parentResourceNotFound(id);
  return nm.id;
}

function parentPoolOf(r: ArmResource): string {
  const parent = props(r).parentPoolName;
  return typeof parent === 'string' ? parent.toLowerCase() : '';
}

function poolsOf(emulator: Emulator, nmId: string): ArmResource[] {
  return nestedUnder(emulator, nmId).filter((r) => sameType(r, POOLS));
}

function poolFor(ctx: RouteContext): ArmResource {
  const id = `${managerFor(ctx)}/ipamPools/${ctx.params.poolName ?? ''}`;
  const pool = ctx.emulator.store.get(id);
  if (!pool) throw parentResourceNotFound(id);
  return pool;
}

/** What the pool has given out: static CIDRs, child pools, and VNets associated with it. */
function allocationsOf(emulator: Emulator, pool: ArmResource): Allocation[] {
  const out: Allocation[] = [];
  const add = (holder: string, texts: string[]): void => {
    for (const prefix of texts) {
      const cidr = parseCidr(prefix);
      if (cidr) out.push({ holder, prefix, cidr });
    }
  };
  for (const s of nestedUnder(emulator, pool.id)) if (sameType(s, STATIC_CIDRS)) add(s.id, prefixesOf(s));
  const nmId = pool.id.split('/').slice(0, -2).join('/');
  for (const child of poolsOf(emulator, nmId))
    if (parentPoolOf(child) === (pool.name ?? '').toLowerCase()) add(child.id, prefixesOf(child));
  for (const vnet of emulator.store.ofType('Microsoft.Network/virtualNetworks')) {
    const space = props(vnet).addressSpace;
    const allocs =
      isRecord(space) && Array.isArray(space.ipamPoolPrefixAllocations)
        ? space.ipamPoolPrefixAllocations
        : [];
    for (const a of allocs)
      if (isRecord(a) && isRecord(a.pool) && idKey(String(a.pool.id)) === idKey(pool.id))
        add(
          vnet.id,
          Array.isArray(a.allocatedAddressPrefixes) ? (a.allocatedAddressPrefixes as string[]) : [],
        );
  }
  return out;
}

function checkedPrefixes(field: string, value: unknown): Cidr[] {
  if (!Array.isArray(value) || value.length === 0)
    throw invalidIpamPrefix(field, value, 'must be a non-empty list of CIDR prefixes');
  return value.map((text, i) => {
    const cidr = typeof text === 'string' ? parseCidr(text) : undefined;
    if (!cidr) throw invalidIpamPrefix(`${field}[${i}]`, text, 'is not a CIDR prefix');
    if (!isCanonical(cidr))
      throw invalidIpamPrefix(
        `${field}[${i}]`,
        text,
        `has host bits set (did you mean ${formatCidr(cidr)}?)`,
      );
    return cidr;
  });
}

function putPool(ctx: RouteContext): EmulatorResponse {
  const nmId = managerFor(ctx);
  const name = ctx.params.poolName ?? '';
  const id = `${nmId}/ipamPools/${name}`;
  const existing = ctx.emulator.store.get(id);
  checkPreconditions(ctx.req.headers, existing?.etag, existing !== undefined, id);
  const body = bodyOf(ctx);
  if (typeof body.location !== 'string' || body.location === '')
    throw invalidRequestFormat('location: is required for an IPAM pool.', 'location');
  const p = isRecord(body.properties) ? body.properties : {};
  const cidrs = checkedPrefixes('properties.addressPrefixes', p.addressPrefixes);
  const parentName = typeof p.parentPoolName === 'string' ? p.parentPoolName : '';
  if (parentName !== '') {
    const parent = ctx.emulator.store.get(`${nmId}/ipamPools/${parentName}`);
    if (!parent) throw parentResourceNotFound(`${nmId}/ipamPools/${parentName}`);
    const room = cidrsOf(prefixesOf(parent));
    cidrs.forEach((c, i) => {
      if (!room.some((r) => contains(r, c)))
        throw prefixOutsidePool(
          `properties.addressPrefixes[${i}]`,
          formatCidr(c),
          parent.id,
          prefixesOf(parent),
        );
    });
  }
  if (existing) {
    const orphans = allocationsOf(ctx.emulator, existing).filter(
      (a) => !cidrs.some((c) => contains(c, a.cidr)),
    );
    if (orphans.length > 0)
      throw ipamPoolInUse(
        id,
        orphans.map((a) => a.holder),
      );
  }
  const stored: ArmResource = {
    id: existing?.id ?? id,
    name: existing?.name ?? name,
    type: POOLS,
    location: body.location,
    ...(isRecord(body.tags) ? { tags: body.tags as Record<string, string> } : {}),
    etag: `"${randomUUID()}"`,
    properties: {
      ...(typeof p.description === 'string' ? { description: p.description } : {}),
      ...(typeof p.displayName === 'string' ? { displayName: p.displayName } : {}),
      parentPoolName: parentName,
      addressPrefixes: cidrs.map(formatCidr),
      ipAddressType: [...new Set(cidrs.map((c) => c.version))].sort(),
      provisioningState: 'Succeeded',
    },
  };
  ctx.emulator.store.put(stored);
  emitWrite(ctx, 'write', stored.id, POOLS);
  return { status: existing ? 200 : 201, body: structuredClone(stored) };
}

function deletePool(ctx: RouteContext): EmulatorResponse {
  const existing = ctx.emulator.store.get(`${managerFor(ctx)}/ipamPools/${ctx.params.poolName ?? ''}`);
  if (!existing) return { status: 204 };
  checkPreconditions(ctx.req.headers, existing.etag, true, existing.id);
  const users = allocationsOf(ctx.emulator, existing);
  if (users.length > 0)
    throw ipamPoolInUse(
      existing.id,
      users.map((a) => a.holder),
    );
  ctx.emulator.store.delete(existing.id);
  emitWrite(ctx, 'delete', existing.id, POOLS);
  return { status: 200 };
}

/** Address ranges [first, last] as the fewest aligned CIDR blocks. */
function rangeToCidrs(version: Cidr['version'], first: bigint, last: bigint): string[] {
  const bits = version === 'IPv6' ? 128 : 32;
  const out: string[] = [];
  let at = first;
  while (at <= last) {
    let length = bits;
    while (length > 0) {
      const size = 1n << BigInt(bits - length + 1);
      if (at % size !== 0n || at + size - 1n > last) break;
      length--;
    }
    out.push(formatCidr({ version, network: at, length }));
    at += 1n << BigInt(bits - length);
  }
  return out;
}

/** The pool's free space, block by block: what getPoolUsage lists as available. */
function freeRanges(
  poolCidrs: Cidr[],
  taken: Cidr[],
): { version: Cidr['version']; first: bigint; last: bigint }[] {
  const out: { version: Cidr['version']; first: bigint; last: bigint }[] = [];
  for (const block of poolCidrs) {
    const inside = taken
      .filter((t) => overlaps(t, block))
      .sort((a, b) => (a.network < b.network ? -1 : a.network > b.network ? 1 : 0));
    let at = block.network;
    for (const t of inside) {
      if (t.network > at) out.push({ version: block.version, first: at, last: t.network - 1n });
      if (lastAddress(t) + 1n > at) at = lastAddress(t) + 1n;
    }
    if (at <= lastAddress(block)) out.push({ version: block.version, first: at, last: lastAddress(block) });
  }
  return out;
}

function poolUsage(ctx: RouteContext): EmulatorResponse {
  const pool = poolFor(ctx);
  const poolCidrs = cidrsOf(prefixesOf(pool));
  const allocations = allocationsOf(ctx.emulator, pool);
  const taken = allocations.map((a) => a.cidr);
  const free = freeRanges(poolCidrs, taken);
  const total = poolCidrs.reduce((n, c) => n + sizeOf(c), 0n);
  const available = free.reduce((n, r) => n + r.last - r.first + 1n, 0n);
  const nmId = pool.id.split('/').slice(0, -2).join('/');
  const children = poolsOf(ctx.emulator, nmId).filter(
    (c) => parentPoolOf(c) === (pool.name ?? '').toLowerCase(),
  );
  return {
    status: 200,
    body: {
      addressPrefixes: prefixesOf(pool),
      childPools: children.map((c) => ({ resourceId: c.id, addressPrefixes: prefixesOf(c) })),
      allocatedAddressPrefixes: allocations.map((a) => formatCidr(a.cidr)).sort(),
      reservedAddressPrefixes: [],
      availableAddressPrefixes: free.flatMap((r) => rangeToCidrs(r.version, r.first, r.last)),
      totalNumberOfIPAddresses: total.toString(),
      numberOfAllocatedIPAddresses: (total - available).toString(),
      numberOfReservedIPAddresses: '0',
      numberOfAvailableIPAddresses: available.toString(),
    },
  };
}

/**
 * A block of `count` addresses: the first aligned free one, scanning the pool's prefixes in order
 * (the cmdlet's "assigned based on IpamPools available space").
 */
function allocateCount(pool: ArmResource, count: bigint, taken: Cidr[]): Cidr | undefined {
  for (const block of cidrsOf(prefixesOf(pool))) {
    const bits = block.version === 'IPv6' ? 128 : 32;
    const length = bits - (count.toString(2).length - 1);
    if (length < block.length) continue;
    for (let at = block.network; at + count - 1n <= lastAddress(block); at += count) {
      const candidate: Cidr = { version: block.version, network: at, address: at, length };
      const clash = taken.find((t) => overlaps(t, candidate));
      if (!clash) return candidate;
      // Skip past the clash: aligned blocks that end inside it can't be free either.
      const next = ((lastAddress(clash) + 1n - block.network + count - 1n) / count) * count + block.network;
      at = next - count;
    }
  }
  return undefined;
}

function putStaticCidr(ctx: RouteContext): EmulatorResponse {
  const pool = poolFor(ctx);
  const name = ctx.params.name ?? '';
  const id = `${pool.id}/staticCidrs/${name}`;
  const existing = ctx.emulator.store.get(id);
  checkPreconditions(ctx.req.headers, existing?.etag, existing !== undefined, id);
  const p = isRecord(bodyOf(ctx).properties) ? (bodyOf(ctx).properties as Record<string, unknown>) : {};
  const hasPrefixes = Array.isArray(p.addressPrefixes) && p.addressPrefixes.length > 0;
  const countText =
    typeof p.numberOfIPAddressesToAllocate === 'string' ? p.numberOfIPAddressesToAllocate : '';
  if (hasPrefixes === (countText !== '')) throw staticCidrAmountAmbiguous();
  const others = allocationsOf(ctx.emulator, pool).filter((a) => idKey(a.holder) !== idKey(id));
  const taken = others.map((a) => a.cidr);
  let cidrs: Cidr[];
  if (hasPrefixes) {
    cidrs = checkedPrefixes('properties.addressPrefixes', p.addressPrefixes);
    const room = cidrsOf(prefixesOf(pool));
    cidrs.forEach((c, i) => {
      const field = `properties.addressPrefixes[${i}]`;
      if (!room.some((r) => contains(r, c)))
        throw prefixOutsidePool(field, formatCidr(c), pool.id, prefixesOf(pool));
      const clash = others.find((o) => overlaps(o.cidr, c));
      if (clash) throw prefixAlreadyAllocated(field, formatCidr(c), clash.holder, clash.prefix);
    });
  } else {
    if (!/^[1-9][0-9]*$/.test(countText)) throw invalidNumberOfIpAddresses(countText);
    const count = BigInt(countText);
    if ((count & (count - 1n)) !== 0n) throw invalidNumberOfIpAddresses(countText);
    const got = allocateCount(pool, count, taken);
    if (!got) throw ipamPoolExhausted(pool.id, countText);
    cidrs = [got];
  }
  const stored: ArmResource = {
    id: existing?.id ?? id,
    name: existing?.name ?? name,
    type: STATIC_CIDRS,
    properties: {
      ...(typeof p.description === 'string' ? { description: p.description } : {}),
      ...(countText !== '' ? { numberOfIPAddressesToAllocate: countText } : {}),
      addressPrefixes: cidrs.map(formatCidr),
      totalNumberOfIPAddresses: cidrs.reduce((n, c) => n + sizeOf(c), 0n).toString(),
      provisioningState: 'Succeeded',
    },
  };
  ctx.emulator.store.put(stored);
  emitWrite(ctx, 'write', stored.id, STATIC_CIDRS);
  return { status: existing ? 200 : 201, body: structuredClone(stored) };
}

function deleteStaticCidr(ctx: RouteContext): EmulatorResponse {
  const existing = ctx.emulator.store.get(`${poolFor(ctx).id}/staticCidrs/${ctx.params.name ?? ''}`);
  if (!existing) return { status: 204 };
  checkPreconditions(ctx.req.headers, existing.etag, true, existing.id);
  ctx.emulator.store.delete(existing.id);
  emitWrite(ctx, 'delete', existing.id, STATIC_CIDRS);
  return { status: 200 };
}

/** A pool or static CIDR from a topology file, after its network manager (and pool). */
export function loadIpamResource(emulator: Emulator, resource: ArmResource): void {
  const parentId = resource.id.split('/').slice(0, -2).join('/');
  if (!emulator.store.get(parentId))
    throw new Error(`cannot load resource ${resource.id}: its parent ${parentId} is not loaded before it`);
  if (sameType(resource, POOLS)) {
    resource.etag ??= `"${randomUUID()}"`;
    const cidrs = cidrsOf(prefixesOf(resource));
    props(resource).ipAddressType = [...new Set(cidrs.map((c) => c.version))].sort();
    props(resource).parentPoolName ??= '';
  } else {
    props(resource).totalNumberOfIPAddresses = cidrsOf(prefixesOf(resource))
      .reduce((n, c) => n + sizeOf(c), 0n)
      .toString();
  }
  props(resource).provisioningState ??= 'Succeeded';
  emulator.store.put(resource);
}

const route = (
  method: Route['method'],
  path: string,
  type: string,
  operation: Route['operation'],
  handle: Route['handle'],
  action?: string,
): Route => {
  const r = typeRoute(NETWORK_API_VERSIONS, method, path, type, operation, handle);
  return action ? { ...r, action } : r;
};

const poolId = (c: RouteContext): string => `${managerFor(c)}/ipamPools/${c.params.poolName ?? ''}`;
const cidrId = (c: RouteContext): string => `${poolFor(c).id}/staticCidrs/${c.params.name ?? ''}`;

export const ipamPoolsHandler: HandlerModule = {
  routes: [
    route('GET', POOL_PATH, POOLS, 'read', (c) => getNested(c, poolId(c))),
    route('PUT', POOL_PATH, POOLS, 'write', putPool),
    route('DELETE', POOL_PATH, POOLS, 'delete', deletePool),
    route('GET', `${NM_PATH}/ipamPools`, POOLS, 'list', (c) =>
      listNested(c, poolsOf(c.emulator, managerFor(c))),
    ),
    {
      ...route(
        'POST',
        `${POOL_PATH}/getPoolUsage`,
        POOLS,
        'action',
        poolUsage,
        `${POOLS}/getPoolUsage/action`,
      ),
      writeLog: false,
    },
    route('GET', `${POOL_PATH}/staticCidrs/{name}`, STATIC_CIDRS, 'read', (c) => getNested(c, cidrId(c))),
    route('PUT', `${POOL_PATH}/staticCidrs/{name}`, STATIC_CIDRS, 'write', putStaticCidr),
    route('DELETE', `${POOL_PATH}/staticCidrs/{name}`, STATIC_CIDRS, 'delete', deleteStaticCidr),
    route('GET', `${POOL_PATH}/staticCidrs`, STATIC_CIDRS, 'list', (c) =>
      listNested(
        c,
        nestedUnder(c.emulator, poolFor(c).id).filter((r) => sameType(r, STATIC_CIDRS)),
      ),
    ),
  ],
};
