import type { AppSettings } from '../config/appSettings';
import type { AzureConnection } from '../azure/AzureConnection';
import { azureCredential } from '../azure/azureCredential';
import { networkClients } from '../azure/networkClient';
import { PrefixReservationStore } from '../azure/prefixReservations';
import { createChangeReporting } from '../monitor/createChangeReporting';
import { DocumentTable } from '../azure/DocumentTable';
import type { ActivityServices } from './ActivityServices';
import { DEFAULT_RUNS_TABLE, RunStore } from './RunStore';

/** The services in Azure: the app's managed identity against ARM, Table Storage and Logs Ingestion. */
export function servicesFromSettings(settings: AppSettings): ActivityServices {
  const connection: AzureConnection = { credential: azureCredential(settings.azureClientId) };
  return {
    connection,
    clients: networkClients(connection),
    reservations: PrefixReservationStore.fromEndpoint(
      settings.reservations.tableEndpoint,
      connection.credential,
      settings.reservations.tableName,
    ),
    // Beside the reservations, in the same account: the app's identity already has table data access there.
    runs: new RunStore(
      DocumentTable.fromEndpoint(
        settings.reservations.tableEndpoint,
        connection.credential,
        DEFAULT_RUNS_TABLE,
      ),
    ),
    reporting: createChangeReporting(settings.logsIngestion, connection),
    ...(settings.logAnalyticsWorkspaceId
      ? { logAnalyticsWorkspaceId: settings.logAnalyticsWorkspaceId }
      : {}),
  };
}
