import type { ArmResource } from '../src/arm/ArmResource';
import type { ActivityServices } from '../src/activities/ActivityServices';
import { setActivityServices } from '../src/activities/ActivityServices';
import type { AzureConnection } from '../src/azure/AzureConnection';
import { networkClients } from '../src/azure/networkClient';
import { PrefixReservationStore } from '../src/azure/prefixReservations';
import { ChangeReporter } from '../src/monitor/ChangeReporter';
import { DUAL_STACK_CHANGES_SCHEMA } from '../src/monitor/dualStackChangesSchema';
import type { EmulatorHandle, EmulatorOptions } from '../emulator/EmulatorOptions';
import { emulatorCredential } from '../emulator/emulatorCredential';
import { MonitorEmulator } from '../emulator/monitor/MonitorEmulator';
import type { EmulatorOptionsWithMonitor } from '../emulator/monitor/monitorOf';
import { registerMonitorExtensions } from '../emulator/monitor/registerMonitorExtensions';
import type { IngestionEndpointHandle } from '../emulator/monitor/startIngestionEndpoint';
import { startIngestionEndpoint } from '../emulator/monitor/startIngestionEndpoint';
import { startEmulator } from '../emulator/startEmulator';
import { LocalDurableHost } from '../devhost/LocalDurableHost';
import type { LocalDurableHostOptions } from '../devhost/LocalDurableHost';
import type { AzuriteTables } from '../devhost/startAzurite';
import { startAzurite } from '../devhost/startAzurite';
import { defaultConfigFor } from './inferHub';

// Importing these registers the app's functions exactly as in Azure; the local
// host finds them through the @azure/functions-core stand-in.
import '../src/functions/durableActivities';
import '../src/functions/durableOrchestrations';

/** The Log Analytics workspace the hub's diagnostics go to locally (the emulator keeps the settings). */
export function localWorkspaceId(subscriptionId: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/rg-monitor/providers/Microsoft.OperationalInsights/workspaces/log-dualstack`;
}

export const LOCAL_DCR_IMMUTABLE_ID = 'dcr-00000000000040008000000000000d5c';

export interface LocalStackOptions {
  topology: ArmResource[];
  emulator?: EmulatorOptions;
  host?: LocalDurableHostOptions;
  /** LRO poll interval the activities use; default 5 ms */
  updateIntervalInMs?: number;
  principalId?: string;
}

export interface LocalStack {
  emulator: EmulatorHandle;
  monitor: MonitorEmulator;
  ingestion: IngestionEndpointHandle;
  azurite: AzuriteTables;
  host: LocalDurableHost;
  services: ActivityServices;
  /** planner configuration for this estate (hub and scope inferred) */
  baseConfig: { hubVnetId: string; scope: { subscriptions: string[] } };
  stop(): Promise<void>;
}

/**
 * The whole product on one machine: the ARM emulator (with Azure Monitor's
 * ingestion endpoint), Azurite for prefix reservations, and the local durable host
 * running the app's registered orchestrators and activities, all through the real
 * SDK clients.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  registerMonitorExtensions();
  const monitor = new MonitorEmulator({
    dataCollectionRules: [{ immutableId: LOCAL_DCR_IMMUTABLE_ID, streams: [DUAL_STACK_CHANGES_SCHEMA] }],
  });
  const emulatorOptions: EmulatorOptionsWithMonitor = {
    ...options.emulator,
    topology: options.topology,
    monitor,
  };
  const [emulator, azurite] = await Promise.all([startEmulator(emulatorOptions), startAzurite()]);
  // The Logs Ingestion endpoint is a host of its own, as a DCE is in Azure.
  const ingestion = await startIngestionEndpoint(monitor, { rbac: () => options.emulator?.rbac });
  const credential = emulatorCredential(options.principalId);
  const connection: AzureConnection = { credential, armEndpoint: emulator.endpoint, tlsCa: emulator.ca };
  const reservations = new PrefixReservationStore(azurite.tableClient('DualstackReservations'));
  await reservations.ensureTable();
  const services: ActivityServices = {
    connection,
    clients: networkClients(connection),
    reservations,
    reporting: new ChangeReporter({
      endpoint: ingestion.endpoint,
      ruleId: LOCAL_DCR_IMMUTABLE_ID,
      credential,
      tlsOptions: { ca: ingestion.ca },
      retryOptions: { maxRetries: 1, retryDelayInMs: 5, maxRetryDelayInMs: 10 },
    }),
    logAnalyticsWorkspaceId: localWorkspaceId(
      defaultConfigFor(options.topology).scope.subscriptions[0] ?? '',
    ),
    updateIntervalInMs: options.updateIntervalInMs ?? 5,
  };
  setActivityServices(services);
  const host = new LocalDurableHost({ timeScale: 1000, ...options.host });
  return {
    emulator,
    monitor,
    ingestion,
    azurite,
    host,
    services,
    baseConfig: defaultConfigFor(options.topology),
    async stop() {
      await host.stop();
      setActivityServices(undefined);
      await Promise.all([emulator.stop(), ingestion.stop(), azurite.stop()]);
    },
  };
}
