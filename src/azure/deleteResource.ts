import { classifyError } from './classifyError';
import { subscriptionClients, type NetworkClients } from './networkClient';
import { resolveNetworkResource } from './networkResourceTypes';
import { preconditionHeaders } from './putResource';

export interface DeleteResourceOptions {
  /** Sent as If-Match: a resource changed since it was read fails with 412 'PreconditionFailed'. */
  ifMatch?: string;
  abortSignal?: AbortSignal;
}

/**
 * Deletes one resource of a type the access layer may delete: only what Dualstack created and takes
 * back on rollback (an AAAA record set it created). A resource already gone is not an error.
 */
export async function deleteResource(
  clients: NetworkClients,
  resourceId: string,
  options: DeleteResourceOptions = {},
): Promise<void> {
  const target = resolveNetworkResource(resourceId);
  const remove = target.ops.delete;
  if (!remove)
    throw new TypeError(
      `resourceId: '${resourceId}' is a ${target.type}, which the access layer never deletes`,
    );
  try {
    await remove(subscriptionClients(clients, target.subscriptionId), target.resourceGroup, target.names, {
      abortSignal: options.abortSignal,
      ...preconditionHeaders(options),
    });
  } catch (e) {
    const error = classifyError(e, { resourceId });
    if (error.status !== 404) throw error;
  }
}
