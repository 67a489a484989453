import type { AppSettings } from '../config/appSettings';
import type { AzureConnection } from '../azure/AzureConnection';
import { azureCredential } from '../azure/azureCredential';
import { networkClients } from '../azure/networkClient';
import { PrefixReservationStore } from '../azure/prefixReservations';
import { createChangeReporting } from '../monitor/createChangeReporting';
import type { ActivityServices } from './ActivityServices';

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
    reporting: createChangeReporting(settings.logsIngestion, connection),
    ...(settings.logAnalyticsWorkspaceId
      ? { logAnalyticsWorkspaceId: settings.logAnalyticsWorkspaceId }
      : {}),
  };
}
