import type { AzureConnection } from '../azure/AzureConnection';
import type { NetworkClients } from '../azure/networkClient';
import type { PrefixReservationStore } from '../azure/prefixReservations';
import type { ChangeReporting } from '../monitor/ChangeReporter';
import type { RunStore } from './RunStore';

/**
 * What activities need from the outside world. In Azure it is built once from the
 * app settings (see servicesFromSettings); the CLI, tests and benchmarks install one
 * that points the same real SDK clients at the emulator and Azurite.
 */
export interface ActivityServices {
  connection: AzureConnection;
  clients: NetworkClients;
  reservations: Pick<PrefixReservationStore, 'reserve' | 'get' | 'list' | 'release'>;
  reporting: ChangeReporting;
  /** each run's approved plan and VNet outcomes, kept out of orchestration history */
  runs: RunStore;
  /** Log Analytics workspace the hub diagnostics go to; none: hub diagnostics are not managed */
  logAnalyticsWorkspaceId?: string;
  /** LRO poll interval for steps on the run's critical path: the SDK's default in Azure, a few ms against the emulator */
  updateIntervalInMs?: number;
  /**
   * LRO poll interval for every other step (default: updateIntervalInMs). Polls
   * are reads, and ARM's read budget is shared by the whole run: steps with slack
   * poll less often so that the critical path's polls never wait for a 429.
   */
  backgroundUpdateIntervalInMs?: number;
}

let installed: ActivityServices | undefined;
let factory: (() => ActivityServices) | undefined;

export function setActivityServices(services: ActivityServices | undefined): void {
  installed = services;
}

/** Registered by the Azure entry point so settings are read only when an activity first runs. */
export function setActivityServicesFactory(create: () => ActivityServices): void {
  factory = create;
}

export function activityServices(): ActivityServices {
  if (!installed && factory) installed = factory();
  if (!installed) throw new Error('activity services are not configured: call setActivityServices first');
  return installed;
}
