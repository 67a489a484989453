import { emulatorCredential } from '../../../emulator/emulatorCredential';
import type { EmulatorHandle, EmulatorOptions } from '../../../emulator/EmulatorOptions';
import { startEmulator } from '../../../emulator/startEmulator';
import type { AzureConnection } from '../../../src/azure/AzureConnection';
import { networkClients, type NetworkClients } from '../../../src/azure/networkClient';

export interface NetworkEmulator {
  emulator: EmulatorHandle;
  connection: AzureConnection;
  clients: NetworkClients;
}

/**
 * The emulator plus real SDK clients pointed at it the way production code builds them
 * (certificate checked against the emulator's CA). SDK retries are off unless asked for, so a
 * test sees an injected fault as the activity's caller would after the SDK gave up.
 */
export async function startNetworkEmulator(
  options: EmulatorOptions = {},
  connection: Partial<AzureConnection> = {},
): Promise<NetworkEmulator> {
  const emulator = await startEmulator({ timeScale: 0, ...options });
  const conn: AzureConnection = {
    credential: emulatorCredential(),
    armEndpoint: emulator.endpoint,
    tlsCa: emulator.ca,
    retryOptions: { maxRetries: 0 },
    ...connection,
  };
  return { emulator, connection: conn, clients: networkClients(conn) };
}
