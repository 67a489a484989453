import { MonitorClient } from '@azure/arm-monitor';
import { armClientOptions } from './armClientOptions';
import type { AzureConnection } from './AzureConnection';

/** An Azure Monitor (Microsoft.Insights) management client for one subscription. */
export function monitorClient(conn: AzureConnection, subscriptionId: string): MonitorClient {
  if (!subscriptionId) throw new TypeError('subscriptionId: required to build a monitor client');
  return new MonitorClient(conn.credential, subscriptionId, armClientOptions(conn));
}
