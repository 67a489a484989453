import { registerHandlerModule } from '../http/router';
import { diagnosticSettingsRoutes } from './diagnosticSettingsRoutes';
import { logsIngestionRoutes } from './logsIngestionRoutes';

let registered = false;

/**
 * Adds the Logs Ingestion endpoint and the diagnosticSettings extension
 * resource to every emulator started afterwards. Idempotent: the router's
 * registry is process-wide and a second registration would shadow nothing but
 * waste a lookup.
 */
export function registerMonitorExtensions(): void {
  if (registered) return;
  registered = true;
  registerHandlerModule(logsIngestionRoutes);
  registerHandlerModule(diagnosticSettingsRoutes);
}
