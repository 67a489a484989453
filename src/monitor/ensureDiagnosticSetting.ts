import type { MonitorClient } from '@azure/arm-monitor';
import type { PipelineResponse } from '@azure/core-rest-pipeline';
import { createPipelineRequest, RestError } from '@azure/core-rest-pipeline';
import { parseResourceId, sameId } from '../arm/resourceId';

/**
 * @azure/arm-monitor 7 pins diagnosticSettings to api-version 2017-05-01-preview,
 * which predates category groups: it can't send `categoryGroup: 'allLogs'` (its
 * serializer drops the property) and it reads a setting that uses groups back
 * with no logs at all, so a check through it would never see the setting as
 * done and would write on every run. We therefore send these two calls at
 * 2021-05-01-preview through the same MonitorClient pipeline (credential,
 * retries, TLS options): only the api-version and the body model differ.
 */
export const DIAGNOSTIC_SETTINGS_API_VERSION = '2021-05-01-preview';
export const DUALSTACK_DIAGNOSTIC_SETTING_NAME = 'dualstack-diagnostics';

interface LogSettings {
  category?: string | null;
  categoryGroup?: string | null;
  enabled: boolean;
  retentionPolicy?: unknown;
}

interface MetricSettings {
  category?: string | null;
  timeGrain?: string | null;
  enabled: boolean;
  retentionPolicy?: unknown;
}

export interface DiagnosticSettingProperties {
  workspaceId?: string | null;
  logAnalyticsDestinationType?: string | null;
  logs?: LogSettings[];
  metrics?: MetricSettings[];
  [other: string]: unknown;
}

export interface DiagnosticSettingResource {
  id?: string;
  name?: string;
  type?: string;
  properties?: DiagnosticSettingProperties;
}

export interface EnsureDiagnosticSettingInput {
  /** The resource that emits the logs, e.g. the hub firewall. */
  resourceId: string;
  /** Resource id of the Log Analytics workspace. */
  workspaceId: string;
  /** Our setting's name; other settings on the resource are never touched. */
  name?: string;
}

export interface EnsureDiagnosticSettingResult {
  resourceId: string;
  name: string;
  /**
   * 'unchanged' and 'covered' made no write. 'covered': another setting (often
   * Azure Policy's 'setbypolicy') already sends allLogs and AllMetrics to the
   * workspace; Azure would refuse a second one for the same categories and sink.
   */
  outcome: 'created' | 'updated' | 'unchanged' | 'covered';
  /** The other setting, for 'covered'. */
  coveredBy?: string;
}

const ALL_LOGS = 'allLogs';
const ALL_METRICS = 'AllMetrics';

/** The settings collection of a resource, or one setting in it. */
function settingsUrl(client: MonitorClient, resourceId: string, name?: string): string {
  const host = client.$host.replace(/\/+$/, '');
  const setting = name === undefined ? '' : `/${encodeURIComponent(name)}`;
  return `${host}${resourceId}/providers/Microsoft.Insights/diagnosticSettings${setting}?api-version=${DIAGNOSTIC_SETTINGS_API_VERSION}`;
}

function restError(response: PipelineResponse): RestError {
  let code: string | undefined;
  let message = `Diagnostic settings request failed with status ${response.status}`;
  try {
    // Microsoft.Insights answers with a flat { code, message }; ARM itself wraps it in { error }.
    type Body = { code?: string; message?: string };
    const body = JSON.parse(response.bodyAsText ?? '') as Body & { error?: Body };
    const error = body.error ?? body;
    code = error.code;
    if (error.message) message = error.message;
  } catch {
    // not JSON: keep the status message
  }
  return new RestError(message, { code, statusCode: response.status, request: response.request, response });
}

async function send(
  client: MonitorClient,
  method: 'GET' | 'PUT',
  url: string,
  body: unknown,
  abortSignal: AbortSignal | undefined,
): Promise<PipelineResponse> {
  const request = createPipelineRequest({ url, method, abortSignal });
  request.headers.set('Accept', 'application/json');
  if (body !== undefined) {
    request.headers.set('Content-Type', 'application/json');
    request.body = JSON.stringify(body);
  }
  return client.sendRequest(request);
}

/** Whether our setting already sends allLogs and AllMetrics to the workspace, into AzureDiagnostics. */
export function isAsDesired(
  properties: DiagnosticSettingProperties | undefined,
  workspaceId: string,
): boolean {
  if (!properties || !sameId(properties.workspaceId ?? undefined, workspaceId)) return false;
  if (properties.logAnalyticsDestinationType) return false;
  const logs = properties.logs ?? [];
  const metrics = properties.metrics ?? [];
  return (
    logs.some((l) => l.enabled && l.categoryGroup?.toLowerCase() === ALL_LOGS.toLowerCase()) &&
    metrics.some((m) => m.enabled && m.category?.toLowerCase() === ALL_METRICS.toLowerCase())
  );
}

/**
 * The body to PUT: the existing setting's other destinations (storage, event
 * hub) are kept; logs become the allLogs group (a setting can't mix groups and
 * single categories, and allLogs covers them all); AllMetrics is switched on
 * beside any other metric entries.
 */
export function desiredProperties(
  existing: DiagnosticSettingProperties | undefined,
  workspaceId: string,
): DiagnosticSettingProperties {
  const otherMetrics = (existing?.metrics ?? []).filter(
    (m) => m.category?.toLowerCase() !== ALL_METRICS.toLowerCase(),
  );
  const { logAnalyticsDestinationType: _dropped, ...rest } = existing ?? {};
  return {
    ...rest,
    workspaceId,
    logs: [{ categoryGroup: ALL_LOGS, enabled: true }],
    metrics: [...otherMetrics, { category: ALL_METRICS, enabled: true }],
  };
}

/**
 * Makes sure `resourceId` sends its logs and metrics to the workspace through
 * our diagnostic setting: lists the resource's settings (one read), writes only
 * when ours is missing or differs and no other setting already does the job,
 * and never touches settings of other names. Throws a RestError (with `code`
 * and `statusCode`) when Azure refuses, for the caller to classify; a 409
 * `Conflict` means another setting sends some of the same categories to the
 * same workspace, which a person has to consolidate.
 */
export async function ensureDiagnosticSetting(
  client: MonitorClient,
  input: EnsureDiagnosticSettingInput,
  options: { abortSignal?: AbortSignal } = {},
): Promise<EnsureDiagnosticSettingResult> {
  const name = input.name ?? DUALSTACK_DIAGNOSTIC_SETTING_NAME;
  if (!parseResourceId(input.resourceId))
    throw new TypeError(`resourceId is not an ARM resource id: '${input.resourceId}'`);
  const workspace = parseResourceId(input.workspaceId);
  if (workspace?.type.toLowerCase() !== 'microsoft.operationalinsights/workspaces') {
    throw new TypeError(`workspaceId is not a Log Analytics workspace id: '${input.workspaceId}'`);
  }
  if (!/^[^<>*%&:\\?+/]{1,260}$/.test(name))
    throw new TypeError(`name is not a valid diagnostic setting name: '${name}'`);

  const listed = await send(
    client,
    'GET',
    settingsUrl(client, input.resourceId),
    undefined,
    options.abortSignal,
  );
  if (listed.status !== 200) throw restError(listed);
  const settings =
    (JSON.parse(listed.bodyAsText ?? '{}') as { value?: DiagnosticSettingResource[] }).value ?? [];
  const existing = settings.find((s) => s.name?.toLowerCase() === name.toLowerCase());
  const result = { resourceId: input.resourceId, name };
  if (existing && isAsDesired(existing.properties, input.workspaceId))
    return { ...result, outcome: 'unchanged' };
  const covering = settings.find((s) => s !== existing && isAsDesired(s.properties, input.workspaceId));
  if (covering) return { ...result, outcome: 'covered', coveredBy: covering.name ?? '' };

  const written = await send(
    client,
    'PUT',
    settingsUrl(client, input.resourceId, name),
    { properties: desiredProperties(existing?.properties, input.workspaceId) },
    options.abortSignal,
  );
  if (written.status !== 200 && written.status !== 201) throw restError(written);
  return { ...result, outcome: existing ? 'updated' : 'created' };
}
