import type { Emulator } from '../Emulator';
import type { Operation } from '../core/Operations';

export const NETWORK_API_VERSION = '2025-05-01';

function locationSegment(location: string): string {
  return location.replace(/\s+/g, '').toLowerCase() || 'westeurope';
}

export function asyncOperationUrl(emulator: Emulator, op: Operation, apiVersion: string): string {
  return `${emulator.baseUrl}/subscriptions/${op.subscriptionId}/providers/Microsoft.Network/locations/${locationSegment(op.location)}/operations/${op.id}?api-version=${apiVersion}`;
}

export function operationResultUrl(emulator: Emulator, op: Operation, apiVersion: string): string {
  return `${emulator.baseUrl}/subscriptions/${op.subscriptionId}/providers/Microsoft.Network/locations/${locationSegment(op.location)}/operationResults/${op.id}?api-version=${apiVersion}`;
}

/** Seconds until the operation should end, as ARM's Retry-After; 0 while under a second. */
export function retryAfterSeconds(emulator: Emulator, op: Operation): string {
  return String(Math.max(0, Math.floor((op.finishAt - emulator.clock.now()) / 1000)));
}
