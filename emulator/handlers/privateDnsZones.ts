import { randomUUID } from 'node:crypto';
import type { ArmResource } from '../../src/arm/ArmResource';
import { parseIp } from '../../src/arm/cidr';
import {
  invalidRequestFormat,
  parentResourceNotFound,
  resourceGroupNotFound,
  resourceNotFound,
} from '../../src/arm/errors/commonErrors';
import {
  autoRegisteredRecordSetReadOnly,
  invalidRecordAddress,
  invalidTtl,
  privateDnsLocationNotGlobal,
  recordsOfAnotherType,
  tooManyRecords,
  virtualNetworkAlreadyLinked,
  zoneHasVirtualNetworkLinks,
} from '../../src/arm/errors/privateDnsErrors';
import { idKey } from '../../src/arm/resourceId';
import type { Emulator } from '../Emulator';
import type { EmulatorResponse } from '../http/EmulatorRequest';
import type { HandlerModule, Route, RouteContext } from '../http/router';
import { isRecord, props, type Json } from '../store/subResources';
import type { ResourceTypeSpec } from './ResourceTypeSpec';
import { bodyOf, emitWrite, getNested, listNested, nestedUnder, sameType } from './nestedResources';
import { checkPreconditions } from './preconditions';
import { resourceRoutes } from './resourceRoutes';
import { typeRoute } from './typeRoute';

/**
 * Microsoft.Network/privateDnsZones as the 2020-06-01 API shows it (emulator/README.md, Private DNS zones):
 * zones are global tracked resources; virtual network links and record sets are resources of their
 * own under the zone (listed per zone, never inline), addressed `{zone}/virtualNetworkLinks/{name}`
 * and `{zone}/{recordType}/{name}` (`@` is the apex). Record set writes are synchronous; etags are
 * GUIDs; If-Match and If-None-Match: * work on every PUT and DELETE.
 */
export const PRIVATE_DNS_API_VERSIONS = ['2024-06-01', '2020-06-01', '2020-01-01', '2018-09-01'] as const;

const ZONES = 'Microsoft.Network/privateDnsZones';
const LINKS = `${ZONES}/virtualNetworkLinks`;
const RECORD_FIELDS = {
  A: 'aRecords',
  AAAA: 'aaaaRecords',
  CNAME: 'cnameRecord',
  MX: 'mxRecords',
  PTR: 'ptrRecords',
  SOA: 'soaRecord',
  SRV: 'srvRecords',
  TXT: 'txtRecords',
} as const;
type RecordType = keyof typeof RECORD_FIELDS;
const MAX_RECORDS = 20;
const MAX_TTL = 2147483647;

/** Links and record sets are stored as resources of their own beside the zone, as ARM keeps them. */
export function isZoneChildType(type: string): boolean {
  const t = type.toLowerCase();
  return t.startsWith(`${ZONES.toLowerCase()}/`) && t.split('/').length === 3;
}

function zoneChildren(emulator: Emulator, zone: ArmResource): ArmResource[] {
  return nestedUnder(emulator, zone.id);
}

function linksOf(emulator: Emulator, zone: ArmResource): ArmResource[] {
  return zoneChildren(emulator, zone).filter((r) => r.type.toLowerCase() === LINKS.toLowerCase());
}

function checkGlobal(resourceId: string, location: unknown): void {
  if (location !== undefined && (typeof location !== 'string' || location.toLowerCase() !== 'global'))
    throw privateDnsLocationNotGlobal(
      resourceId,
      typeof location === 'string' ? location : JSON.stringify(location),
    );
}

export const privateDnsZoneSpec: ResourceTypeSpec = {
  type: ZONES,
  collection: 'privateDnsZones',
  children: [],
  apiVersions: PRIVATE_DNS_API_VERSIONS,
  readOnly: [
    'properties.maxNumberOfRecordSets',
    'properties.numberOfRecordSets',
    'properties.maxNumberOfVirtualNetworkLinks',
    'properties.numberOfVirtualNetworkLinks',
    'properties.maxNumberOfVirtualNetworkLinksWithRegistration',
    'properties.numberOfVirtualNetworkLinksWithRegistration',
    'properties.internalId',
  ],
  operationName: 'PutPrivateDnsZoneOperation',
  prepare: ({ resource }) => {
    checkGlobal(resource.id, resource.location);
    resource.location = 'global';
  },
  beforeDelete: (emulator, zone) => {
    if (linksOf(emulator, zone).length > 0) throw zoneHasVirtualNetworkLinks(zone.id);
  },
  afterDelete: (emulator, zone) => {
    for (const r of zoneChildren(emulator, zone)) emulator.store.delete(r.id);
  },
  decorate: (emulator, zone) => {
    const children = zoneChildren(emulator, zone);
    const links = children.filter((r) => r.type.toLowerCase() === LINKS.toLowerCase());
    return {
      ...zone,
      properties: {
        ...props(structuredClone(zone)),
        maxNumberOfRecordSets: 25000,
        numberOfRecordSets: children.length - links.length,
        maxNumberOfVirtualNetworkLinks: 1000,
        numberOfVirtualNetworkLinks: links.length,
        maxNumberOfVirtualNetworkLinksWithRegistration: 100,
        numberOfVirtualNetworkLinksWithRegistration: links.filter(
          (l) => props(l).registrationEnabled === true,
        ).length,
      },
    };
  },
};

function zoneFor(ctx: RouteContext): ArmResource {
  const { subscriptionId = '', resourceGroupName = '', zoneName = '' } = ctx.params;
  const group = ctx.emulator.store.getResourceGroup(subscriptionId, resourceGroupName);
  if (!group) throw resourceGroupNotFound(resourceGroupName);
  const id = `/subscriptions/${subscriptionId}/resourceGroups/${group.name}/providers/${ZONES}/${zoneName}`;
  const zone = ctx.emulator.store.get(id);
  if (!zone) throw parentResourceNotFound(id);
  return zone;
}

function checkAddresses(records: unknown, field: string, key: string, version: 'IPv4' | 'IPv6'): void {
  if (records === undefined) return;
  if (!Array.isArray(records)) throw invalidRecordAddress(`properties.${field}`, records, version);
  records.forEach((r, i) => {
    const value = isRecord(r) ? r[key] : undefined;
    if (typeof value !== 'string' || parseIp(value)?.version !== version)
      throw invalidRecordAddress(`properties.${field}[${i}].${key}`, value, version);
  });
}

/** What the service checks on a record set body: only its own type's records, valid addresses and TTL, at most 20 records. */
function checkRecordSet(id: string, type: RecordType, p: Json): void {
  for (const [other, field] of Object.entries(RECORD_FIELDS))
    if (other !== type && p[field] !== undefined) throw recordsOfAnotherType(type, field);
  if (
    p.ttl !== undefined &&
    (typeof p.ttl !== 'number' || !Number.isInteger(p.ttl) || p.ttl < 0 || p.ttl > MAX_TTL)
  )
    throw invalidTtl(p.ttl);
  checkAddresses(p.aRecords, 'aRecords', 'ipv4Address', 'IPv4');
  checkAddresses(p.aaaaRecords, 'aaaaRecords', 'ipv6Address', 'IPv6');
  const records = p[RECORD_FIELDS[type]];
  if (Array.isArray(records) && records.length > MAX_RECORDS) throw tooManyRecords(id, records.length);
}

/** A record set as the service stores it: `fqdn` and `isAutoRegistered` are the service's, `@` is the apex. */
export function storedRecordSet(
  zone: ArmResource,
  type: string,
  name: string,
  properties: Json,
  existing: ArmResource | undefined,
  etag: string,
): ArmResource {
  const { fqdn: _fqdn, isAutoRegistered: _auto, provisioningState: _state, ...own } = properties;
  return {
    id: existing?.id ?? `${zone.id}/${type}/${name}`,
    name: existing?.name ?? name,
    type: `${ZONES}/${type}`,
    etag,
    properties: {
      ...own,
      ttl: typeof own.ttl === 'number' ? own.ttl : 3600,
      fqdn: name === '@' ? `${zone.name}.` : `${name}.${zone.name}.`,
      isAutoRegistered: existing ? props(existing).isAutoRegistered === true : false,
    },
  };
}

/**
 * A link or record set from a topology file, stored as a write would leave it. Its zone must come
 * before it in the file (zones sort before their children in any export by id).
 */
export function loadZoneChild(emulator: Emulator, resource: ArmResource): void {
  const zoneId = resource.id.split('/').slice(0, -2).join('/');
  const zone = emulator.store.get(zoneId);
  if (!zone)
    throw new Error(`cannot load resource ${resource.id}: its zone ${zoneId} is not loaded before it`);
  if (sameType(resource, LINKS)) {
    resource.location = 'global';
    resource.etag ??= randomUUID();
    props(resource).provisioningState ??= 'Succeeded';
    props(resource).virtualNetworkLinkState ??= 'Completed';
    emulator.store.put(resource);
    return;
  }
  const type = resource.type.split('/').at(-1) ?? '';
  const p = props(resource);
  const stored = storedRecordSet(
    zone,
    type,
    resource.name ?? '',
    p,
    undefined,
    resource.etag ?? randomUUID(),
  );
  // A topology may seed what auto-registration wrote: the flag is the service's, so it is kept here.
  if (p.isAutoRegistered === true) props(stored).isAutoRegistered = true;
  emulator.store.put(stored);
}

function recordSetId(zone: ArmResource, type: RecordType, name: string): string {
  return `${zone.id}/${type}/${name}`;
}

function putRecordSet(ctx: RouteContext, type: RecordType): EmulatorResponse {
  const zone = zoneFor(ctx);
  const name = ctx.params.name ?? '';
  const id = recordSetId(zone, type, name);
  const existing = ctx.emulator.store.get(id);
  checkPreconditions(ctx.req.headers, existing?.etag, existing !== undefined, id);
  if (existing && props(existing).isAutoRegistered === true) throw autoRegisteredRecordSetReadOnly(id);
  const body = bodyOf(ctx);
  const p = isRecord(body.properties) ? body.properties : {};
  checkRecordSet(id, type, p);
  const stored = storedRecordSet(zone, type, name, p, existing, randomUUID());
  ctx.emulator.store.put(stored);
  emitWrite(ctx, 'write', stored.id, stored.type);
  return { status: existing ? 200 : 201, body: structuredClone(stored) };
}

function deleteRecordSet(ctx: RouteContext, type: RecordType): EmulatorResponse {
  const zone = zoneFor(ctx);
  const existing = ctx.emulator.store.get(recordSetId(zone, type, ctx.params.name ?? ''));
  if (!existing) return { status: 204 };
  checkPreconditions(ctx.req.headers, existing.etag, true, existing.id);
  if (type === 'SOA') throw recordsOfAnotherType('SOA', 'soaRecord');
  ctx.emulator.store.delete(existing.id);
  emitWrite(ctx, 'delete', existing.id, existing.type);
  return { status: 200 };
}

function putLink(ctx: RouteContext): EmulatorResponse {
  const zone = zoneFor(ctx);
  const name = ctx.params.name ?? '';
  const id = `${zone.id}/virtualNetworkLinks/${name}`;
  const existing = ctx.emulator.store.get(id);
  checkPreconditions(ctx.req.headers, existing?.etag, existing !== undefined, id);
  const body = bodyOf(ctx);
  checkGlobal(id, body.location);
  const p = isRecord(body.properties) ? body.properties : {};
  const vnetId = isRecord(p.virtualNetwork) ? p.virtualNetwork.id : undefined;
  if (typeof vnetId !== 'string')
    throw invalidRequestFormat('properties.virtualNetwork.id is required.', 'properties.virtualNetwork.id');
  const vnet = ctx.emulator.store.get(vnetId);
  if (!vnet) throw resourceNotFound(vnetId);
  const twin = linksOf(ctx.emulator, zone).find(
    (l) =>
      idKey(l.id) !== idKey(id) &&
      idKey(String((props(l).virtualNetwork as Json | undefined)?.id)) === idKey(vnet.id),
  );
  if (twin) throw virtualNetworkAlreadyLinked(zone.id, vnet.id);
  const stored: ArmResource = {
    id: existing?.id ?? id,
    name: existing?.name ?? name,
    type: LINKS,
    location: 'global',
    ...(isRecord(body.tags) ? { tags: body.tags as Record<string, string> } : {}),
    etag: randomUUID(),
    properties: {
      virtualNetwork: { id: vnet.id },
      registrationEnabled: p.registrationEnabled === true,
      virtualNetworkLinkState: 'Completed',
      provisioningState: 'Succeeded',
    },
  };
  ctx.emulator.store.put(stored);
  emitWrite(ctx, 'write', stored.id, LINKS);
  return { status: existing ? 200 : 201, body: structuredClone(stored) };
}

function deleteLink(ctx: RouteContext): EmulatorResponse {
  const zone = zoneFor(ctx);
  const existing = ctx.emulator.store.get(`${zone.id}/virtualNetworkLinks/${ctx.params.name ?? ''}`);
  if (!existing) return { status: 204 };
  checkPreconditions(ctx.req.headers, existing.etag, true, existing.id);
  ctx.emulator.store.delete(existing.id);
  emitWrite(ctx, 'delete', existing.id, LINKS);
  return { status: 200 };
}

const ZONE_PATH =
  '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/privateDnsZones/{zoneName}';

const route = (
  method: Route['method'],
  path: string,
  type: string,
  operation: Route['operation'],
  handle: Route['handle'],
): Route => typeRoute(PRIVATE_DNS_API_VERSIONS, method, path, type, operation, handle);

/** One set of routes per record type: the type is in the path, the resource type and the RBAC action. */
function recordSetRoutes(type: RecordType): Route[] {
  const full = `${ZONES}/${type}`;
  const list = `${ZONE_PATH}/${type}`;
  const one = `${list}/{name}`;
  const idOf = (c: RouteContext): string => recordSetId(zoneFor(c), type, c.params.name ?? '');
  return [
    route('GET', one, full, 'read', (c) => getNested(c, idOf(c))),
    route('PUT', one, full, 'write', (c) => putRecordSet(c, type)),
    route('DELETE', one, full, 'delete', (c) => deleteRecordSet(c, type)),
    route('GET', list, full, 'list', (c) =>
      listNested(
        c,
        zoneChildren(c.emulator, zoneFor(c)).filter((r) => sameType(r, full)),
      ),
    ),
  ];
}

function childRoutes(): Route[] {
  const link = `${ZONE_PATH}/virtualNetworkLinks/{name}`;
  const linkId = (c: RouteContext): string => `${zoneFor(c).id}/virtualNetworkLinks/${c.params.name ?? ''}`;
  return [
    route('GET', link, LINKS, 'read', (c) => getNested(c, linkId(c))),
    route('PUT', link, LINKS, 'write', putLink),
    route('DELETE', link, LINKS, 'delete', deleteLink),
    route('GET', `${ZONE_PATH}/virtualNetworkLinks`, LINKS, 'list', (c) =>
      listNested(c, linksOf(c.emulator, zoneFor(c))),
    ),
    route('GET', `${ZONE_PATH}/ALL`, `${ZONES}/ALL`, 'list', (c) =>
      listNested(
        c,
        zoneChildren(c.emulator, zoneFor(c)).filter((r) => !sameType(r, LINKS)),
      ),
    ),
    ...(Object.keys(RECORD_FIELDS) as RecordType[]).flatMap(recordSetRoutes),
  ];
}

export const privateDnsZonesHandler: HandlerModule = {
  routes: [...resourceRoutes(privateDnsZoneSpec).routes, ...childRoutes()],
};
