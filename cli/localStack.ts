import type { ArmResource } from '../src/arm/ArmResource';
import type { ActivityServices } from '../src/activities/ActivityServices';
import { setActivityServices } from '../src/activities/ActivityServices';
import type { AzureConnection } from '../src/azure/AzureConnection';
import { networkClients } from '../src/azure/networkClient';
import { PrefixReservationStore } from '../src/azure/prefixReservations';
import { DocumentTable } from '../src/azure/DocumentTable';
import { DEFAULT_RUNS_TABLE, RunStore } from '../src/activities/RunStore';
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
import { startAzuriteProcess } from '../devhost/startAzuriteProcess';
import { hostJsonConcurrency } from '../devhost/hostJsonConcurrency';
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
  /** The SDK's own retries of 5xx, 429 and dropped connections (real time: scale them with the emulator) */
  armRetry?: AzureConnection['retryOptions'];
  /** LRO poll interval the activities use; default 5 ms */
  updateIntervalInMs?: number;
  /** LRO poll interval of steps off the critical path; default updateIntervalInMs */
  backgroundUpdateIntervalInMs?: number;
  principalId?: string;
  /** Azurite in a child process, as Azure Storage is outside the Functions worker (for measurements) */
  storageInOwnProcess?: boolean;
}

/** The app's side of a local stack, pointed at an ARM endpoint someone else runs. */
export interface LocalApp {
  monitor: MonitorEmulator;
  ingestion: IngestionEndpointHandle;
  azurite: AzuriteTables;
  host: LocalDurableHost;
  services: ActivityServices;
  /** planner configuration for this estate (hub and scope inferred) */
  baseConfig: { hubVnetId: string; scope: { subscriptions: string[] } };
  stop(): Promise<void>;
}

export interface LocalStack extends LocalApp {
  emulator: EmulatorHandle;
}

export interface LocalAppOptions extends Omit<LocalStackOptions, 'emulator'> {
  /** the ARM endpoint (the emulator) and its certificate */
  arm: { endpoint: string; ca: string };
  /** the emulator's RBAC, which the ingestion endpoint enforces too */
  rbac?: () => EmulatorOptions['rbac'];
  monitor?: MonitorEmulator;
}

export function localMonitor(rows: 'keep' | 'count' = 'keep'): MonitorEmulator {
  return new MonitorEmulator({
    dataCollectionRules: [{ immutableId: LOCAL_DCR_IMMUTABLE_ID, streams: [DUAL_STACK_CHANGES_SCHEMA] }],
    rows,
  });
}

/**
 * The whole product on one machine: the ARM emulator (with Azure Monitor's
 * ingestion endpoint), Azurite for prefix reservations, and the local durable host
 * running the app's registered orchestrators and activities, all through the real
 * SDK clients.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  registerMonitorExtensions();
  const monitor = localMonitor();
  const emulatorOptions: EmulatorOptionsWithMonitor = {
    ...options.emulator,
    topology: options.topology,
    monitor,
  };
  const emulator = await startEmulator(emulatorOptions);
  try {
    const app = await startLocalApp({
      ...options,
      arm: emulator,
      rbac: () => options.emulator?.rbac,
      monitor,
    });
    return {
      ...app,
      emulator,
      async stop() {
        await app.stop();
        await emulator.stop();
      },
    };
  } catch (error) {
    await emulator.stop();
    throw error;
  }
}

/** Everything but the ARM emulator: Azurite, the ingestion endpoint and the durable host with the app's functions. */
export async function startLocalApp(options: LocalAppOptions): Promise<LocalApp> {
  const monitor = options.monitor ?? localMonitor();
  // The Logs Ingestion endpoint is a host of its own, as a DCE is in Azure.
  const [azurite, ingestion] = await Promise.all([
    options.storageInOwnProcess ? startAzuriteProcess() : startAzurite(),
    startIngestionEndpoint(monitor, { rbac: options.rbac ?? (() => undefined) }),
  ]);
  const credential = emulatorCredential(options.principalId);
  const connection: AzureConnection = {
    credential,
    armEndpoint: options.arm.endpoint,
    tlsCa: options.arm.ca,
    ...(options.armRetry ? { retryOptions: options.armRetry } : {}),
  };
  const reservations = new PrefixReservationStore(azurite.tableClient('DualstackReservations'));
  const runs = new RunStore(new DocumentTable(azurite.tableClient(DEFAULT_RUNS_TABLE)));
  await Promise.all([reservations.ensureTable(), runs.ensureTable()]);
  const services: ActivityServices = {
    connection,
    clients: networkClients(connection),
    reservations,
    runs,
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
    ...(options.backgroundUpdateIntervalInMs !== undefined
      ? { backgroundUpdateIntervalInMs: options.backgroundUpdateIntervalInMs }
      : {}),
  };
  setActivityServices(services);
  const host = new LocalDurableHost({ timeScale: 1000, ...hostJsonConcurrency(), ...options.host });
  return {
    monitor,
    ingestion,
    azurite,
    host,
    services,
    baseConfig: defaultConfigFor(options.topology),
    async stop() {
      await host.stop();
      setActivityServices(undefined);
      await Promise.all([ingestion.stop(), azurite.stop()]);
    },
  };
}
