import type { ArmResource } from '../arm/ArmResource';
import { sameId } from '../arm/resourceId';
import { classifyError } from './classifyError';
import { subscriptionClients, type NetworkClients } from './networkClient';
import { resolveNetworkResource } from './networkResourceTypes';
import { wireCapture } from './wireCapture';

export interface GetResourceOptions {
  abortSignal?: AbortSignal;
}

/**
 * One resource as ARM's GET returns it (wire JSON). Throws a classified DualstackError; a missing
 * resource is 'ResourceNotFound' (or the RP's own 404 code), status 404, terminal.
 */
export async function getResource(
  clients: NetworkClients,
  resourceId: string,
  options: GetResourceOptions = {},
): Promise<ArmResource> {
  const target = resolveNetworkResource(resourceId);
  const capture = wireCapture();
  try {
    await target.ops.get(
      subscriptionClients(clients, target.subscriptionId),
      target.resourceGroup,
      target.names,
      {
        abortSignal: options.abortSignal,
        onResponse: capture.onResponse,
      },
    );
  } catch (e) {
    throw classifyError(e, { resourceId });
  }
  const body = capture.bodies.at(-1) as ArmResource | undefined;
  if (!body || !sameId(body.id, resourceId)) {
    throw classifyError(
      new Error(`GET ${resourceId} answered with a body for ${body?.id ?? 'no resource'}`),
      {
        resourceId,
      },
    );
  }
  return body;
}
