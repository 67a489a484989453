import { isIPv6 } from 'node:net';
import { resourceGroupId } from '../arm/resourceId';
import {
  APP_SETTING_DEFINITIONS,
  type AppSettingDefinition,
  type AppSettingName,
} from './appSettingDefinitions';
import { AppSettingsError, type AppSettingProblem } from './AppSettingsError';
import {
  parseArmId,
  parseBoolean,
  parseGuid,
  parseHttpsUrl,
  parseInteger,
  parseIpv6Prefix,
  parseJsonObject,
  parseList,
  parseNcrontab,
} from './settingParsers';

export { APP_SETTING_DEFINITIONS, HOST_SETTING_NAMES } from './appSettingDefinitions';
export type { AppSettingDefinition, AppSettingName } from './appSettingDefinitions';
export { AppSettingsError } from './AppSettingsError';

export type Ipv6NextHop =
  /** let the planner find the hub NVA's IPv6 frontend */
  | { kind: 'auto' }
  | { kind: 'address'; address: string }
  | { kind: 'loadBalancerFrontend'; frontendIpConfigurationId: string };

export type CanarySpokes = { kind: 'count'; count: number } | { kind: 'vnetIds'; vnetIds: string[] };

export interface LogsIngestionSettings {
  endpoint: string;
  dcrImmutableId: string;
  stream: string;
}

/** The app settings, parsed and validated. Planner config is derived from these in src/planner/config/. */
export interface AppSettings {
  hubVnetId: string;
  /** lower-case GUIDs */
  subscriptions: string[];
  /** resource group ids; undefined means every resource group of `subscriptions` */
  resourceGroupIds: string[] | undefined;
  ipv6Pool: string | undefined;
  ipv6NextHop: Ipv6NextHop;
  exclusionTag: string;
  approvalRequired: boolean;
  approvalTimeoutMinutes: number;
  maxParallelSpokes: number;
  maxParallelWrites: number;
  canarySpokes: CanarySpokes;
  maxFailedSpokes: number;
  settleSeconds: number;
  remediateDrift: boolean;
  driftSchedule: string;
  principalId: string;
  tenantId: string;
  azureClientId: string;
  reservations: { tableEndpoint: string; tableName: string };
  /** undefined when change reporting is off */
  logsIngestion: LogsIngestionSettings | undefined;
  logAnalyticsWorkspaceId: string | undefined;
  applicationInsightsConnectionString: string | undefined;
  /** DUALSTACK_CONFIG_JSON parsed; shape is checked by the planner config loader */
  configOverride: Record<string, unknown> | undefined;
}

const VNET_TYPE = 'Microsoft.Network/virtualNetworks';
const FRONTEND_TYPE = 'Microsoft.Network/loadBalancers/frontendIPConfigurations';
const TABLE_NAME_RE = /^[A-Za-z][A-Za-z0-9]{2,62}$/;
const RG_NAME_RE = /^[-\w._()]{1,90}$/;

/**
 * Reads and validates every app setting at once. Throws `AppSettingsError` naming each
 * setting that is missing or malformed. Empty strings count as unset, because Bicep
 * writes '' for optional parameters the user left out.
 */
export function readAppSettings(env: Record<string, string | undefined> = process.env): AppSettings {
  const problems: AppSettingProblem[] = [];

  const raw = (name: AppSettingName | 'AzureWebJobsStorage__tableServiceUri'): string | undefined => {
    const value = env[name]?.trim();
    if (value) return value;
    const def = APP_SETTING_DEFINITIONS.find((d) => d.name === name);
    return def && 'default' in def ? def.default : undefined;
  };

  function read<T>(name: AppSettingName, parse: (value: string) => T): T | undefined {
    const value = raw(name);
    if (value === undefined) {
      const def = APP_SETTING_DEFINITIONS.find((d) => d.name === name);
      if (def?.required) problems.push({ setting: name, message: 'is required' });
      return undefined;
    }
    try {
      return parse(value);
    } catch (e) {
      problems.push({ setting: name, message: (e as Error).message });
      return undefined;
    }
  }

  const hubVnetId = read('DUALSTACK_HUB_VNET_ID', (v) => parseArmId(v, VNET_TYPE));
  const subscriptions = read('DUALSTACK_SUBSCRIPTIONS', (v) => [...new Set(parseList(v).map(parseGuid))]);
  const resourceGroupIds = read('DUALSTACK_RESOURCE_GROUPS', (v) =>
    parseList(v).flatMap((entry) => resourceGroupEntry(entry, subscriptions ?? [])),
  );
  const ipv6Pool = read('DUALSTACK_IPV6_POOL', (v) => parseIpv6Prefix(v, 48));
  const ipv6NextHop = read('DUALSTACK_IPV6_NEXT_HOP', parseNextHop);
  const exclusionTag = read('DUALSTACK_EXCLUSION_TAG', parseTagName);
  const approvalRequired = read('DUALSTACK_APPROVAL_REQUIRED', parseBoolean);
  const approvalTimeoutMinutes = read('DUALSTACK_APPROVAL_TIMEOUT_MINUTES', (v) =>
    parseRanged('DUALSTACK_APPROVAL_TIMEOUT_MINUTES', v),
  );
  const maxParallelSpokes = read('DUALSTACK_MAX_PARALLEL_SPOKES', (v) =>
    parseRanged('DUALSTACK_MAX_PARALLEL_SPOKES', v),
  );
  const maxParallelWrites = read('DUALSTACK_MAX_PARALLEL_WRITES', (v) =>
    parseRanged('DUALSTACK_MAX_PARALLEL_WRITES', v),
  );
  const canarySpokes = read('DUALSTACK_CANARY_SPOKES', parseCanarySpokes);
  const maxFailedSpokes = read('DUALSTACK_MAX_FAILED_SPOKES', (v) =>
    parseRanged('DUALSTACK_MAX_FAILED_SPOKES', v),
  );
  const settleSeconds = read('DUALSTACK_SETTLE_SECONDS', (v) => parseRanged('DUALSTACK_SETTLE_SECONDS', v));
  const remediateDrift = read('DUALSTACK_REMEDIATE_DRIFT', parseBoolean);
  const driftSchedule = read('DUALSTACK_DRIFT_SCHEDULE', parseNcrontab);
  const principalId = read('DUALSTACK_PRINCIPAL_ID', parseGuid);
  const tenantId = read('DUALSTACK_TENANT_ID', parseGuid);
  const azureClientId = read('AZURE_CLIENT_ID', parseGuid);

  let tableEndpoint = read('DUALSTACK_RESERVATIONS_TABLE_ENDPOINT', parseHttpsUrl);
  if (tableEndpoint === undefined && raw('DUALSTACK_RESERVATIONS_TABLE_ENDPOINT') === undefined) {
    const fallback = raw('AzureWebJobsStorage__tableServiceUri');
    if (fallback === undefined) {
      problems.push({
        setting: 'DUALSTACK_RESERVATIONS_TABLE_ENDPOINT',
        message: 'is required when AzureWebJobsStorage__tableServiceUri is not set',
      });
    } else {
      try {
        tableEndpoint = parseHttpsUrl(fallback);
      } catch (e) {
        problems.push({ setting: 'AzureWebJobsStorage__tableServiceUri', message: (e as Error).message });
      }
    }
  }
  const tableName = read('DUALSTACK_RESERVATIONS_TABLE_NAME', (v) => {
    if (!TABLE_NAME_RE.test(v))
      throw new Error(`'${v}' is not a table name (letters and digits, 3-63, letter first)`);
    return v;
  });

  const logsEndpoint = read('DUALSTACK_LOGS_INGESTION_ENDPOINT', parseHttpsUrl);
  const dcrImmutableId = read('DUALSTACK_DCR_IMMUTABLE_ID', (v) => {
    if (!/^dcr-[0-9a-f]{32}$/i.test(v))
      throw new Error(`'${v}' is not a DCR immutable id (dcr- and 32 hex digits)`);
    return v;
  });
  const logsStream = read('DUALSTACK_LOGS_STREAM', (v) => {
    if (!/^Custom-[A-Za-z0-9_]+$/.test(v)) throw new Error(`'${v}' is not a custom stream name (Custom-...)`);
    return v;
  });
  if (
    (raw('DUALSTACK_LOGS_INGESTION_ENDPOINT') === undefined) !==
    (raw('DUALSTACK_DCR_IMMUTABLE_ID') === undefined)
  ) {
    const missing =
      raw('DUALSTACK_LOGS_INGESTION_ENDPOINT') === undefined
        ? 'DUALSTACK_LOGS_INGESTION_ENDPOINT'
        : 'DUALSTACK_DCR_IMMUTABLE_ID';
    problems.push({
      setting: missing,
      message: 'must be set together with the other Logs Ingestion setting',
    });
  }
  const logAnalyticsWorkspaceId = read('DUALSTACK_LOG_ANALYTICS_WORKSPACE_ID', (v) =>
    parseArmId(v, 'Microsoft.OperationalInsights/workspaces'),
  );
  const applicationInsightsConnectionString = read('APPLICATIONINSIGHTS_CONNECTION_STRING', (v) => {
    if (!/InstrumentationKey=/i.test(v)) throw new Error('has no InstrumentationKey');
    return v;
  });
  const configOverride = read('DUALSTACK_CONFIG_JSON', parseJsonObject);

  if (problems.length > 0) throw new AppSettingsError(problems);
  // Every value below was either parsed or reported above; the guards only narrow types.
  if (
    hubVnetId === undefined ||
    subscriptions === undefined ||
    ipv6NextHop === undefined ||
    exclusionTag === undefined ||
    approvalRequired === undefined ||
    approvalTimeoutMinutes === undefined ||
    maxParallelSpokes === undefined ||
    maxParallelWrites === undefined ||
    canarySpokes === undefined ||
    maxFailedSpokes === undefined ||
    settleSeconds === undefined ||
    remediateDrift === undefined ||
    driftSchedule === undefined ||
    principalId === undefined ||
    tenantId === undefined ||
    azureClientId === undefined ||
    tableEndpoint === undefined ||
    tableName === undefined ||
    logsStream === undefined
  ) {
    throw new Error('readAppSettings: a setting with a default was not parsed');
  }
  return {
    hubVnetId,
    subscriptions,
    resourceGroupIds,
    ipv6Pool,
    ipv6NextHop,
    exclusionTag,
    approvalRequired,
    approvalTimeoutMinutes,
    maxParallelSpokes,
    maxParallelWrites,
    canarySpokes,
    maxFailedSpokes,
    settleSeconds,
    remediateDrift,
    driftSchedule,
    principalId,
    tenantId,
    azureClientId,
    reservations: { tableEndpoint, tableName },
    logsIngestion:
      logsEndpoint !== undefined && dcrImmutableId !== undefined
        ? { endpoint: logsEndpoint, dcrImmutableId, stream: logsStream }
        : undefined,
    logAnalyticsWorkspaceId,
    applicationInsightsConnectionString,
    configOverride,
  };
}

function resourceGroupEntry(entry: string, subscriptions: string[]): string[] {
  if (entry.startsWith('/')) {
    const m = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/?$/i.exec(entry);
    if (!m) throw new Error(`'${entry}' is not a resource group id`);
    const subscription = parseGuid(m[1] ?? '');
    if (!subscriptions.includes(subscription)) {
      throw new Error(
        `'${entry}' is in subscription ${subscription}, which DUALSTACK_SUBSCRIPTIONS does not list`,
      );
    }
    return [resourceGroupId(subscription, m[2] ?? '')];
  }
  if (!RG_NAME_RE.test(entry) || entry.endsWith('.'))
    throw new Error(`'${entry}' is not a resource group name`);
  return subscriptions.map((s) => resourceGroupId(s, entry));
}

/** An integer within the range its definition declares. */
function parseRanged(name: AppSettingName, value: string): number {
  const def: AppSettingDefinition | undefined = APP_SETTING_DEFINITIONS.find((d) => d.name === name);
  if (!def?.range) throw new Error(`${name} declares no range`);
  return parseInteger(value, def.range.min, def.range.max);
}

function parseNextHop(value: string): Ipv6NextHop {
  if (value.toLowerCase() === 'auto') return { kind: 'auto' };
  if (isIPv6(value)) return { kind: 'address', address: value.toLowerCase() };
  if (value.startsWith('/'))
    return { kind: 'loadBalancerFrontend', frontendIpConfigurationId: parseArmId(value, FRONTEND_TYPE) };
  throw new Error(
    `'${value}' is not 'auto', an IPv6 address or a load balancer frontend IP configuration id`,
  );
}

function parseCanarySpokes(value: string): CanarySpokes {
  if (/^\d+$/.test(value)) return { kind: 'count', count: parseRanged('DUALSTACK_CANARY_SPOKES', value) };
  return { kind: 'vnetIds', vnetIds: parseList(value).map((v) => parseArmId(v, VNET_TYPE)) };
}

function parseTagName(value: string): string {
  // Azure rejects these characters in tag names.
  if (/[<>%&\\?/]/.test(value) || value.length > 512) throw new Error(`'${value}' is not a valid tag name`);
  return value;
}
