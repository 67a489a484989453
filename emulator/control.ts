import type { ArmResource } from '../src/arm/ArmResource';
import { invalidRequestFormat, invalidResourceType } from '../src/arm/errors/commonErrors';
import { parseResourceId } from '../src/arm/resourceId';
import type { Emulator } from './Emulator';
import type { FaultRule } from './EmulatorOptions';
import type { EmulatorResponse } from './http/EmulatorRequest';
import { errorResponse } from './http/EmulatorRequest';
import { newEtag, stampEtag } from './handlers/commitState';
import { refreshPeerings } from './handlers/peeringSync';
import { applyLoadedDeployments } from './handlers/networkManagerCommit';
import { isNetworkManagerChildType, loadNetworkManagerChild } from './handlers/networkManagers';
import { isIpamType, loadIpamResource } from './handlers/ipamPools';
import { loadZoneChild, isZoneChildType } from './handlers/privateDnsZones';
import { view } from './handlers/readResource';
import { specFor } from './handlers/resourceSpecs';
import { childArray, isRecord, props } from './store/subResources';

/** Every stored resource as ARM GET shows it, deep-copied. */
export function dumpResources(emulator: Emulator): ArmResource[] {
  emulator.operations.settleAll();
  const out: ArmResource[] = [];
  for (const r of emulator.store.all()) {
    const spec = specFor(r.type);
    out.push(structuredClone(spec ? view(emulator, spec, r) : r));
  }
  return out;
}

/**
 * Seeds resources as ARM GET returns them (a topology file or a dump). Groups
 * are created for every group named; missing etags, ids of inline children and
 * provisioning states are filled; peering sync levels are recomputed from the
 * address spaces so the seeded state is self-consistent.
 */
export function loadResources(emulator: Emulator, resources: readonly ArmResource[]): void {
  const vnets: ArmResource[] = [];
  for (const input of resources) {
    if (!isRecord(input) || typeof input.id !== 'string' || typeof input.type !== 'string') {
      throw new Error(
        `cannot load resource ${JSON.stringify(input).slice(0, 120)}: 'id' and 'type' are required`,
      );
    }
    const parsed = parseResourceId(input.id);
    if (input.type.toLowerCase() === 'microsoft.resources/resourcegroups') {
      const [, sub = '', , name = ''] = input.id.split('/').filter(Boolean);
      emulator.store.putResourceGroup(sub, name, input.location ?? 'westeurope', input.tags);
      continue;
    }
    if (!parsed) throw new Error(`cannot load resource ${input.id}: 'id' is not an ARM resource id`);
    const zoneChild = isZoneChildType(input.type);
    const managerChild = isNetworkManagerChildType(input.type);
    const ipam = isIpamType(input.type);
    if (parsed.names.length !== 1 && !zoneChild && !managerChild && !ipam)
      throw new Error(
        `cannot load resource ${input.id}: only top-level resources can be loaded (children go inline)`,
      );
    if (!emulator.store.getResourceGroup(parsed.subscriptionId, parsed.resourceGroup)) {
      emulator.store.putResourceGroup(
        parsed.subscriptionId,
        parsed.resourceGroup,
        input.location ?? 'westeurope',
      );
    }
    const resource = structuredClone(input);
    const spec = specFor(resource.type);
    if (spec) {
      for (const c of spec.children) {
        for (const child of childArray(resource, c.property)) {
          child.id ??= `${resource.id}/${c.segment}/${String(child.name)}`;
          child.type ??= `${spec.type}/${c.segment}`;
          props(child).provisioningState ??= 'Succeeded';
        }
      }
      if (!resource.etag) stampEtag(spec, resource, newEtag());
    }
    if (zoneChild) {
      loadZoneChild(emulator, resource);
      continue;
    }
    if (ipam) {
      loadIpamResource(emulator, resource);
      continue;
    }
    if (managerChild) {
      loadNetworkManagerChild(emulator, resource);
      continue;
    }
    props(resource).provisioningState ??= 'Succeeded';
    emulator.store.put(resource);
    if (spec === specFor('Microsoft.Network/virtualNetworks')) vnets.push(resource);
  }
  for (const vnet of vnets) {
    for (const peering of childArray(vnet, 'virtualNetworkPeerings')) {
      const p = props(peering);
      const remote =
        isRecord(p.remoteVirtualNetwork) && typeof p.remoteVirtualNetwork.id === 'string'
          ? emulator.store.get(p.remoteVirtualNetwork.id)
          : undefined;
      if (remote && p.remoteAddressSpace === undefined) {
        p.remoteAddressSpace = structuredClone(props(remote).addressSpace);
        p.remoteVirtualNetworkAddressSpace ??= structuredClone(props(remote).addressSpace);
      }
    }
  }
  for (const vnet of vnets) refreshPeerings(emulator.store, vnet);
  normaliseLoaded(emulator, resources);
  // Committed AVNM configurations are in force in Azure: their peerings exist once the estate is loaded.
  applyLoadedDeployments(emulator);
}

/**
 * A topology file holds what the user exported, which may omit what ARM fills in on
 * every write (defaults such as a rule's enableConnectionTracking, rule
 * back-references on frontends and probes). Running each type's own preparation
 * once everything is stored makes a loaded resource read back as a written one
 * would, so a later write can't appear to change what it didn't touch. VNets are
 * left to the peering pass above.
 */
function normaliseLoaded(emulator: Emulator, resources: readonly ArmResource[]): void {
  for (const input of resources) {
    const spec = specFor(input.type);
    if (!spec?.prepare || spec === specFor('Microsoft.Network/virtualNetworks')) continue;
    const stored = emulator.store.get(input.id);
    if (!stored) continue;
    // In place: preparation fills defaults, addresses and internal back-references but never adds a
    // reference to another resource, so the store's indexes stay right without a second put.
    spec.prepare({ emulator, resource: stored, existing: stored, query: new URLSearchParams() });
  }
}

function resourcesOf(body: unknown): ArmResource[] {
  if (Array.isArray(body)) return body as ArmResource[];
  if (isRecord(body) && Array.isArray(body.value)) return body.value as ArmResource[];
  throw new Error('expected a JSON array of resources or { "value": [...] }');
}

/** The HTTP control endpoint (/__emulator/...): the same operations as the handle's methods. */
export function handleControl(
  emulator: Emulator,
  method: string,
  path: string,
  body: unknown,
): EmulatorResponse {
  const what = path.replace(/^\/__emulator\/?/, '').toLowerCase();
  try {
    switch (`${method} ${what}`) {
      case 'GET dump':
        return { status: 200, body: dumpResources(emulator) };
      case 'POST load':
        loadResources(emulator, resourcesOf(body));
        return { status: 204 };
      case 'GET writelog':
        return { status: 200, body: emulator.writeLog };
      case 'POST clearwritelog':
      case 'DELETE writelog':
        emulator.writeLog.length = 0;
        return { status: 204 };
      case 'GET faults':
        return { status: 200, body: emulator.faults.list() };
      case 'PUT faults':
        emulator.faults.set(Array.isArray(body) ? (body as FaultRule[]) : []);
        return { status: 204 };
      case 'GET rbac':
        return { status: 200, body: emulator.rbac ?? null };
      case 'PUT rbac':
        emulator.rbac = isRecord(body) ? (body as Record<string, string[]>) : undefined;
        return { status: 204 };
      default:
        return errorResponse(invalidResourceType(`${method} ${path}`));
    }
  } catch (e) {
    return errorResponse(invalidRequestFormat((e as Error).message));
  }
}
