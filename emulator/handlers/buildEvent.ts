import { randomUUID } from 'node:crypto';
import { parseResourceId } from '../../src/arm/resourceId';
import type { EmittedEvent } from '../EmulatorOptions';
import type { EmulatorRequest } from '../http/EmulatorRequest';

const OID_CLAIM = 'http://schemas.microsoft.com/identity/claims/objectidentifier';
const TID_CLAIM = 'http://schemas.microsoft.com/identity/claims/tenantid';

/** ARM flattens JWT claims into a string map and adds the long-form oid/tid names. */
function claimsOf(req: EmulatorRequest): Record<string, string> {
  const claims: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.principal.claims))
    claims[k] = typeof v === 'string' ? v : JSON.stringify(v);
  claims.aud ??= 'https://management.azure.com/';
  claims.iss ??= `https://sts.windows.net/${req.principal.tid}/`;
  claims[OID_CLAIM] = req.principal.oid;
  claims[TID_CLAIM] = req.principal.tid;
  return claims;
}

/** An Event Grid event in the Microsoft.Resources system-event schema (2018-01-01). */
export function buildEvent(
  req: EmulatorRequest,
  kind: 'write' | 'delete',
  resourceUri: string,
  operationName: string,
  eventTime: Date,
): EmittedEvent {
  const parsed = parseResourceId(resourceUri);
  const subscriptionId = parsed?.subscriptionId ?? '';
  return {
    id: randomUUID(),
    topic: `/subscriptions/${subscriptionId}`,
    subject: resourceUri,
    eventType:
      kind === 'write'
        ? 'Microsoft.Resources.ResourceWriteSuccess'
        : 'Microsoft.Resources.ResourceDeleteSuccess',
    eventTime: eventTime.toISOString(),
    data: {
      authorization: {
        scope: resourceUri,
        action: operationName,
        evidence: {
          role: 'Emulator Role',
          roleAssignmentScope: `/subscriptions/${subscriptionId}`,
          roleAssignmentId: '00000000000000000000000000000000',
          roleDefinitionId: '00000000000000000000000000000000',
          principalId: req.principal.oid.replace(/-/g, ''),
          principalType: 'ServicePrincipal',
        },
      },
      claims: claimsOf(req),
      correlationId: req.correlationId,
      httpRequest: {
        clientRequestId: req.headers['x-ms-client-request-id'] ?? '',
        clientIpAddress: '127.0.0.1',
        method: req.method,
        url: `${req.baseUrl}${req.path}?api-version=${req.apiVersion}`,
      },
      operationName,
      resourceProvider: parsed?.type.split('/')[0] ?? 'Microsoft.Network',
      resourceUri,
      resourceGroup: parsed?.resourceGroup ?? '',
      status: 'Succeeded',
      subscriptionId,
      tenantId: req.principal.tid,
    },
    dataVersion: '2',
    metadataVersion: '1',
  };
}
