import { APP_SETTING_DEFINITIONS } from '../src/config/appSettings';
import { DEFAULT_PRINCIPAL_ID, EMULATOR_TENANT_ID } from '../emulator/emulatorCredential';
import type { LocalApp } from './localStack';
import { LOCAL_DCR_IMMUTABLE_ID } from './localStack';

/**
 * The app settings (`local.settings.json` Values, for `func start`) that point the unchanged app at the local
 * stack: the estate's hub and subscriptions, the planner configuration laid over them (DUALSTACK_CONFIG_JSON),
 * and the identity, storage and monitoring of the local services. Settings it does not name (approval,
 * rollout, drift schedule, settle delay...) keep their defaults or the values in the environment.
 */
export function localAppSettings(
  app: LocalApp,
  config: { hubVnetId: string; scope: { subscriptions: string[] } } & Record<string, unknown>,
  env: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const { hubVnetId, scope, ...overlay } = config;
  const schedule = APP_SETTING_DEFINITIONS.find((d) => d.name === 'DUALSTACK_DRIFT_SCHEDULE');
  return {
    // The timer's schedule is %DUALSTACK_DRIFT_SCHEDULE%, which the host resolves before the app reads settings.
    DUALSTACK_DRIFT_SCHEDULE: env.DUALSTACK_DRIFT_SCHEDULE || (schedule?.default ?? ''),
    DUALSTACK_HUB_VNET_ID: hubVnetId,
    DUALSTACK_SUBSCRIPTIONS: scope.subscriptions.join(','),
    DUALSTACK_CONFIG_JSON: JSON.stringify({ ...overlay, scope }),
    // The identity the local services write with: events it caused are the app's own and are dropped.
    DUALSTACK_PRINCIPAL_ID: DEFAULT_PRINCIPAL_ID,
    DUALSTACK_TENANT_ID: EMULATOR_TENANT_ID,
    AZURE_CLIENT_ID: DEFAULT_PRINCIPAL_ID,
    // Validated like any setting but unused: the local services already hold an Azurite client (plain http).
    DUALSTACK_RESERVATIONS_TABLE_ENDPOINT: app.azurite.endpoint.replace(/^http:/, 'https:'),
    DUALSTACK_LOGS_INGESTION_ENDPOINT: app.ingestion.endpoint,
    DUALSTACK_DCR_IMMUTABLE_ID: LOCAL_DCR_IMMUTABLE_ID,
    ...(app.services.logAnalyticsWorkspaceId
      ? { DUALSTACK_LOG_ANALYTICS_WORKSPACE_ID: app.services.logAnalyticsWorkspaceId }
      : {}),
  };
}
