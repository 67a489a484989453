import { NetworkManagementClient } from '@azure/arm-network';
import { PrivateDnsManagementClient } from '@azure/arm-privatedns';
import { armClientOptions } from './armClientOptions';
import type { AzureConnection } from './AzureConnection';

/** A Microsoft.Network client (api-version 2025-05-01, fixed by @azure/arm-network 36) for one subscription. */
export function networkClient(conn: AzureConnection, subscriptionId: string): NetworkManagementClient {
  if (!subscriptionId) throw new TypeError('subscriptionId: required to build a network client');
  return new NetworkManagementClient(conn.credential, subscriptionId, armClientOptions(conn));
}

/**
 * Private DNS zones are Microsoft.Network too, but a separate SDK and api-version (2020-06-01, fixed by
 * @azure/arm-privatedns 3.2: 4.x needs Node 22 and the app must also run on 20).
 */
export function privateDnsClient(conn: AzureConnection, subscriptionId: string): PrivateDnsManagementClient {
  if (!subscriptionId) throw new TypeError('subscriptionId: required to build a private DNS client');
  return new PrivateDnsManagementClient(conn.credential, subscriptionId, armClientOptions(conn));
}

/**
 * ARM clients are bound to one subscription, and an estate spans several: the access layer takes
 * this instead of a client, and asks it for the client of the subscription a resource id names.
 */
export interface NetworkClients {
  (subscriptionId: string): NetworkManagementClient;
  privateDns(subscriptionId: string): PrivateDnsManagementClient;
}

function cached<C>(create: (subscriptionId: string) => C): (subscriptionId: string) => C {
  const clients = new Map<string, C>();
  return (subscriptionId) => {
    const key = subscriptionId.toLowerCase();
    let client = clients.get(key);
    if (!client) {
      client = create(subscriptionId);
      clients.set(key, client);
    }
    return client;
  };
}

/** One client per subscription and SDK, built on first use and shared after (clients hold the token cache). */
export function networkClients(conn: AzureConnection): NetworkClients {
  const network = cached((s) => networkClient(conn, s));
  return Object.assign((s: string) => network(s), {
    privateDns: cached((s) => privateDnsClient(conn, s)),
  });
}

/** Both SDKs' clients for one subscription, built only when an operation asks for them. */
export interface SubscriptionClients {
  readonly network: NetworkManagementClient;
  readonly privateDns: PrivateDnsManagementClient;
}

export function subscriptionClients(clients: NetworkClients, subscriptionId: string): SubscriptionClients {
  return {
    get network() {
      return clients(subscriptionId);
    },
    get privateDns() {
      return clients.privateDns(subscriptionId);
    },
  };
}
