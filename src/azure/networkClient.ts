import { NetworkManagementClient } from '@azure/arm-network';
import { armClientOptions } from './armClientOptions';
import type { AzureConnection } from './AzureConnection';

/** A Microsoft.Network client (api-version 2025-05-01, fixed by @azure/arm-network 36) for one subscription. */
export function networkClient(conn: AzureConnection, subscriptionId: string): NetworkManagementClient {
  if (!subscriptionId) throw new TypeError('subscriptionId: required to build a network client');
  return new NetworkManagementClient(conn.credential, subscriptionId, armClientOptions(conn));
}

/**
 * ARM clients are bound to one subscription, and an estate spans several: the access layer takes
 * this instead of a client, and asks it for the client of the subscription a resource id names.
 */
export type NetworkClients = (subscriptionId: string) => NetworkManagementClient;

/** One client per subscription, built on first use and shared after (clients hold the token cache). */
export function networkClients(conn: AzureConnection): NetworkClients {
  const clients = new Map<string, NetworkManagementClient>();
  return (subscriptionId) => {
    const key = subscriptionId.toLowerCase();
    let client = clients.get(key);
    if (!client) {
      client = networkClient(conn, subscriptionId);
      clients.set(key, client);
    }
    return client;
  };
}
