import type { AzureConnection } from '../azure/AzureConnection';
import type { LogsIngestionSettings } from '../config/appSettings';
import type { ChangeReporterOptions, ChangeReporting } from './ChangeReporter';
import { ChangeReporter, reportingOff } from './ChangeReporter';

/**
 * The reporter the activities use: off when the app settings name no DCR,
 * otherwise a ChangeReporter on the connection's credential (and, against the
 * emulator, its CA). The Logs Ingestion endpoint is the DCE's, not ARM's.
 */
export function createChangeReporting(
  settings: LogsIngestionSettings | undefined,
  conn: AzureConnection,
  options: Partial<Pick<ChangeReporterOptions, 'onLoss' | 'timeoutMs' | 'batchRows' | 'retryOptions'>> = {},
): ChangeReporting {
  if (!settings) return reportingOff;
  return new ChangeReporter({
    endpoint: settings.endpoint,
    ruleId: settings.dcrImmutableId,
    streamName: settings.stream,
    credential: conn.credential,
    ...(conn.tlsCa ? { tlsOptions: { ca: conn.tlsCa } } : {}),
    ...(conn.retryOptions ? { retryOptions: conn.retryOptions } : {}),
    ...options,
  });
}
