import {
  invalidResourceReference,
  linkedAuthorizationFailed,
  referencedResourceNotProvisioned,
} from '../../src/arm/errors/commonErrors';
import { parentResourceId, parseResourceId } from '../../src/arm/resourceId';
import { findChild } from '../store/subResources';
import type { Emulator } from '../Emulator';
import { isAllowed } from '../core/actionMatches';
import type { Reference } from '../store/collectReferences';
import { collectReferences } from '../store/collectReferences';

/** Reference properties ARM authorises with a linked action on the referenced resource. */
const LINKED_ACTIONS: Readonly<Record<string, string>> = {
  subnet: 'Microsoft.Network/virtualNetworks/subnets/join/action',
  loadBalancerBackendAddressPools: 'Microsoft.Network/loadBalancers/backendAddressPools/join/action',
  loadBalancerInboundNatRules: 'Microsoft.Network/loadBalancers/inboundNatRules/join/action',
  publicIPAddress: 'Microsoft.Network/publicIPAddresses/join/action',
  networkSecurityGroup: 'Microsoft.Network/networkSecurityGroups/join/action',
  routeTable: 'Microsoft.Network/routeTables/join/action',
  remoteVirtualNetwork: 'Microsoft.Network/virtualNetworks/peer/action',
  applicationSecurityGroups: 'Microsoft.Network/applicationSecurityGroups/joinIpConfiguration/action',
  natGateway: 'Microsoft.Network/natGateways/join/action',
};

export interface LinkedReference extends Reference {
  action: string;
}

/** References in a request body that need a linked action: every one, new or not, as Azure checks them. */
export function linkedReferences(body: unknown, writtenId: string): LinkedReference[] {
  const out: LinkedReference[] = [];
  for (const ref of collectReferences(body, writtenId)) {
    const action = LINKED_ACTIONS[ref.property];
    if (action) out.push({ ...ref, action });
  }
  return out;
}

export function checkLinkedAccess(
  emulator: Emulator,
  principalId: string,
  refs: readonly LinkedReference[],
): void {
  const rbac = emulator.rbac;
  if (!rbac) return;
  for (const ref of refs) {
    if (!isAllowed(rbac[principalId], ref.action))
      throw linkedAuthorizationFailed(principalId, ref.action, ref.id);
  }
}

/**
 * A write that references something still being written is refused with the
 * retryable error Azure gives (rules §10): e.g. a NIC joining a subnet whose
 * VNet is Updating. Peering targets are exempt: Azure peers VNets that are busy.
 */
export function checkReferencesProvisioned(
  emulator: Emulator,
  refs: readonly LinkedReference[],
  writtenId: string,
): void {
  for (const ref of refs) {
    if (ref.property === 'remoteVirtualNetwork') continue;
    const isChild = ref.id.split('/').filter(Boolean).length > 8;
    const op = emulator.operations.inFlight(isChild ? parentResourceId(ref.id) : ref.id);
    if (op) throw referencedResourceNotProvisioned(ref.id, writtenId, 'Updating', op.name);
  }
}

/** Reference kinds whose targets the emulator models, so a dangling one is known to be dangling. */
const MUST_EXIST = new Set([
  'subnet',
  'loadBalancerBackendAddressPools',
  'loadBalancerInboundNatRules',
  'publicIPAddress',
  'networkSecurityGroup',
  'routeTable',
]);

/**
 * A reference to a resource that is not there is refused, as Network RP does.
 * Only checked inside resource groups the emulator holds: an export may point
 * at a hub in a subscription that was not exported, and that must still load
 * and be rewritten.
 */
export function checkReferencesExist(
  emulator: Emulator,
  refs: readonly LinkedReference[],
  writtenId: string,
): void {
  for (const ref of refs) {
    if (!MUST_EXIST.has(ref.property)) continue;
    const parsed = parseResourceId(ref.id);
    if (!parsed || !emulator.store.getResourceGroup(parsed.subscriptionId, parsed.resourceGroup)) continue;
    const top = emulator.store.get(parsed.names.length > 1 ? parentResourceId(ref.id) : ref.id);
    const segments = ref.id.split('/');
    const found =
      top !== undefined &&
      (parsed.names.length === 1 ||
        findChild(top, segments[segments.length - 2] ?? '', segments[segments.length - 1] ?? '') !==
          undefined);
    if (!found) throw invalidResourceReference(ref.id, writtenId);
  }
}
