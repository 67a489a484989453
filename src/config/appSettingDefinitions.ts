/**
 * The one list of app settings Dualstack reads. `infra/main.bicep` sets every one of
 * them (a test checks both directions), docs/deploy.md documents them, and
 * `readAppSettings` parses them. Add a setting here first, then in main.bicep.
 */
export interface AppSettingDefinition {
  readonly name: string;
  readonly description: string;
  /** Required settings have no default: the app refuses to start without them. */
  readonly required: boolean;
  /** Used when the setting is absent or empty (Bicep writes '' for unset optional parameters). */
  readonly default?: string;
  readonly example?: string;
  /** Inclusive bounds of an integer setting (for DUALSTACK_CANARY_SPOKES: of its count form). */
  readonly range?: { readonly min: number; readonly max: number };
}

export const APP_SETTING_DEFINITIONS = [
  {
    name: 'DUALSTACK_HUB_VNET_ID',
    required: true,
    description:
      'Resource id of the hub virtual network. The hub is migrated first; every VNet peered to it is a spoke.',
    example:
      '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub',
  },
  {
    name: 'DUALSTACK_SUBSCRIPTIONS',
    required: true,
    description:
      'Comma-separated subscription ids Dualstack discovers and changes. Events from other subscriptions are dropped.',
    example: '00000000-0000-0000-0000-000000000000,11111111-1111-1111-1111-111111111111',
  },
  {
    name: 'DUALSTACK_RESOURCE_GROUPS',
    required: false,
    description:
      'Optional comma-separated resource groups that narrow the scope: names (applied in every listed subscription) or resource group ids. Empty means whole subscriptions.',
    example: 'rg-hub,rg-spokes',
  },
  {
    name: 'DUALSTACK_IPV6_POOL',
    required: false,
    description:
      'Optional IPv6 prefix (at most /48 long) that spoke /56s are carved from, e.g. a Microsoft-assigned or your own GUA range. Empty: a ULA /48 derived from the hub id.',
    example: 'fd00:db8:1234::/48',
  },
  {
    name: 'DUALSTACK_IPV6_NEXT_HOP',
    required: false,
    default: 'auto',
    description:
      "IPv6 next hop for spoke route tables: 'auto' (the hub NVA's IPv6 frontend, as the planner finds it), an IPv6 address, or a load balancer frontend IP configuration id.",
    example: 'auto',
  },
  {
    name: 'DUALSTACK_EXCLUSION_TAG',
    required: false,
    default: 'dualstack:skip',
    description: 'Tag name that excludes a resource (or a whole VNet) from migration and remediation.',
  },
  {
    name: 'DUALSTACK_APPROVAL_REQUIRED',
    required: false,
    default: 'true',
    description:
      "'true' or 'false'. When true, a migration waits for POST /api/migrations/{id}/approve before writing.",
  },
  {
    name: 'DUALSTACK_APPROVAL_TIMEOUT_MINUTES',
    required: false,
    default: '1440',
    description:
      'Minutes a migration waits for approval before it is cancelled with nothing written (1 to 10080, one week).',
    range: { min: 1, max: 10080 },
  },
  {
    name: 'DUALSTACK_MAX_PARALLEL_SPOKES',
    required: false,
    default: '4',
    description: 'Most spokes migrated at once after the canaries (1 to 50).',
    range: { min: 1, max: 50 },
  },
  {
    name: 'DUALSTACK_MAX_PARALLEL_WRITES',
    required: false,
    default: '20',
    description:
      "ARM writes a migration keeps in flight at once, shared between the spokes in the window; one is kept for the hub's peering syncs (2 to 1000). Keep it at or under host.json's maxConcurrentActivityFunctions.",
    range: { min: 2, max: 1000 },
  },
  {
    name: 'DUALSTACK_CANARY_SPOKES',
    required: false,
    default: '1',
    description:
      'Spokes migrated alone before the rest: a count (0 to 50), or a comma-separated list of spoke VNet resource ids.',
    example: '1',
    range: { min: 0, max: 50 },
  },
  {
    name: 'DUALSTACK_MAX_FAILED_SPOKES',
    required: false,
    default: '3',
    description:
      'Abort threshold: after this many spoke failures a migration starts no further spokes (1 to 5000).',
    range: { min: 1, max: 5000 },
  },
  {
    name: 'DUALSTACK_SETTLE_SECONDS',
    required: false,
    default: '60',
    description:
      'Seconds remediation waits after a resource event, so the creating pipeline can finish first (0 to 3600).',
    range: { min: 0, max: 3600 },
  },
  {
    name: 'DUALSTACK_REMEDIATE_DRIFT',
    required: false,
    default: 'false',
    description:
      "'true' or 'false'. When true, the scheduled drift scan also fixes the drift it finds; otherwise it only reports.",
  },
  {
    name: 'DUALSTACK_DRIFT_SCHEDULE',
    required: false,
    default: '0 0 3 * * *',
    description:
      'NCRONTAB expression (six fields, seconds first, UTC) for the drift scan timer. The Functions host reads it as %DUALSTACK_DRIFT_SCHEDULE%.',
  },
  {
    name: 'DUALSTACK_PRINCIPAL_ID',
    required: true,
    description:
      "Object (principal) id of Dualstack's managed identity. Events caused by this principal are dropped, so our own writes never trigger remediation.",
  },
  {
    name: 'DUALSTACK_TENANT_ID',
    required: true,
    description: 'Tenant id Dualstack runs in. Events from other tenants are dropped.',
  },
  {
    name: 'AZURE_CLIENT_ID',
    required: true,
    description:
      'Client id of the user-assigned managed identity. DefaultAzureCredential (@azure/identity) reads it to pick that identity.',
  },
  {
    name: 'DUALSTACK_RESERVATIONS_TABLE_ENDPOINT',
    required: false,
    description:
      'Table service URI that holds IPv6 prefix reservations, reached with the managed identity. Empty: AzureWebJobsStorage__tableServiceUri.',
    example: 'https://stdualstack.table.core.windows.net',
  },
  {
    name: 'DUALSTACK_RESERVATIONS_TABLE_NAME',
    required: false,
    default: 'DualstackReservations',
    description:
      'Table that holds IPv6 prefix reservations (letters and digits, 3 to 63, starting with a letter).',
  },
  {
    name: 'DUALSTACK_LOGS_INGESTION_ENDPOINT',
    required: false,
    description:
      'Logs Ingestion endpoint of the data collection endpoint (DCE). Set together with DUALSTACK_DCR_IMMUTABLE_ID; both empty turns change reporting off.',
    example: 'https://dce-dualstack-abcd.westeurope-1.ingest.monitor.azure.com',
  },
  {
    name: 'DUALSTACK_DCR_IMMUTABLE_ID',
    required: false,
    description: 'Immutable id of the data collection rule for DualStackChanges_CL (dcr-...).',
    example: 'dcr-00000000000000000000000000000000',
  },
  {
    name: 'DUALSTACK_LOGS_STREAM',
    required: false,
    default: 'Custom-DualStackChanges_CL',
    description: 'Stream name declared in the data collection rule.',
  },
  {
    name: 'DUALSTACK_LOG_ANALYTICS_WORKSPACE_ID',
    required: false,
    description:
      "Resource id of the Log Analytics workspace the hub's firewall, gateways, NVA load balancer and public IPs send diagnostics to. Empty: hub diagnostics are not ensured.",
  },
  {
    name: 'APPLICATIONINSIGHTS_CONNECTION_STRING',
    required: false,
    description:
      'Application Insights connection string for logs and custom metrics. Empty: no telemetry export.',
  },
  {
    name: 'DUALSTACK_CONFIG_JSON',
    required: false,
    description:
      'Optional JSON object: a full planner configuration that overrides the planner settings derived from the settings above.',
  },
] as const satisfies readonly AppSettingDefinition[];

export type AppSettingName = (typeof APP_SETTING_DEFINITIONS)[number]['name'];

/**
 * Settings that infra sets for the Functions host and the Durable extension, not for
 * our code. Listed so the settings/Bicep consistency test can tell them apart.
 */
export const HOST_SETTING_NAMES = [
  'AzureWebJobsStorage__credential',
  'AzureWebJobsStorage__clientId',
  'AzureWebJobsStorage__blobServiceUri',
  'AzureWebJobsStorage__queueServiceUri',
  'AzureWebJobsStorage__tableServiceUri',
  'APPLICATIONINSIGHTS_AUTHENTICATION_STRING',
  'DURABLE_TASK_HUB',
  'DURABLE_TASK_SCHEDULER_CONNECTION_STRING',
  'AzureFunctionsJobHost__extensions__durableTask__storageProvider__type',
  'AzureFunctionsJobHost__extensions__durableTask__storageProvider__connectionStringName',
] as const;
