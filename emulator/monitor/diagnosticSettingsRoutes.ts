import type { ArmResource } from '../../src/arm/ArmResource';
import { ArmError } from '../../src/arm/errors/ArmError';
import { resourceNotFound } from '../../src/arm/errors/commonErrors';
import { idKey, parentResourceId, parseResourceId, sameId } from '../../src/arm/resourceId';
import type { DiagnosticSettingResource } from '../../src/monitor/ensureDiagnosticSetting';
import {
  diagnosticCategoryGroupNotSupported,
  diagnosticCategoryNotSupported,
  diagnosticSettingInvalid,
  diagnosticSettingMixesCategoryAndGroup,
  diagnosticSettingWithoutDestination,
  diagnosticSinkInUse,
} from '../../src/monitor/monitorErrors';
import { buildEvent } from '../handlers/buildEvent';
import type { EmulatorResponse } from '../http/EmulatorRequest';
import { json } from '../http/EmulatorRequest';
import type { HandlerModule, HttpMethod, Route, RouteContext } from '../http/router';
import { DIAGNOSTIC_CATEGORIES, METRIC_CATEGORIES } from './diagnosticCategories';
import { monitorOf } from './monitorOf';

export const DIAGNOSTIC_SETTINGS_TYPE = 'Microsoft.Insights/diagnosticSettings';
/** 2017-05-01-preview is what @azure/arm-monitor 7 sends; 2021-05-01-preview added category groups. */
export const DIAGNOSTIC_SETTINGS_API_VERSIONS = ['2017-05-01-preview', '2021-05-01-preview'] as const;
const GROUPS_SINCE = '2021-05-01-preview';

const RESOURCE_PATHS = [
  '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/{namespace}/{type}/{name}',
  '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/{namespace}/{type}/{name}/{childType}/{childName}',
];

interface LogEntry {
  category?: string | null;
  categoryGroup?: string | null;
  enabled?: unknown;
}

/** The resource id part of the request path, as sent. */
function targetId(ctx: RouteContext): string {
  const at = ctx.req.path.toLowerCase().lastIndexOf('/providers/microsoft.insights/diagnosticsettings');
  return ctx.req.path.slice(0, at);
}

function settingId(resourceId: string, name: string): string {
  return `${resourceId}/providers/microsoft.insights/diagnosticSettings/${name}`;
}

function findTarget(ctx: RouteContext, resourceId: string): ArmResource | undefined {
  const parsed = parseResourceId(resourceId);
  if (!parsed) return undefined;
  const top = ctx.emulator.store.get(parentResourceId(resourceId));
  if (!top || parsed.names.length === 1) return top;
  return ctx.emulator.store.get(resourceId) ?? top;
}

/** How a stored setting reads at the request's api-version: before category groups existed, group entries are not shown. */
function view(setting: DiagnosticSettingResource, apiVersion: string): DiagnosticSettingResource {
  if (apiVersion >= GROUPS_SINCE) return setting;
  const logs = (setting.properties?.logs ?? []).filter((l) => !l.categoryGroup);
  return { ...setting, properties: { ...setting.properties, logs } };
}

function validate(resourceType: string, properties: Record<string, unknown>, apiVersion: string): void {
  if (!SINKS.some((d) => typeof properties[d] === 'string' && properties[d] !== '')) {
    throw diagnosticSettingWithoutDestination();
  }
  if (typeof properties.workspaceId === 'string' && !parseResourceId(properties.workspaceId)) {
    throw diagnosticSettingInvalid(`'${properties.workspaceId}' is not a valid workspace resource id.`);
  }
  const logs = (properties.logs ?? []) as LogEntry[];
  const metrics = (properties.metrics ?? []) as LogEntry[];
  if (!Array.isArray(logs) || !Array.isArray(metrics))
    throw diagnosticSettingInvalid('logs and metrics must be arrays.');
  for (const entry of [...logs, ...metrics]) {
    if (typeof entry.enabled !== 'boolean')
      throw diagnosticSettingInvalid("Each log and metric entry needs 'enabled'.");
  }
  const known = DIAGNOSTIC_CATEGORIES[resourceType.toLowerCase()];
  const enabledLogs = logs.filter((l) => l.enabled === true);
  if (
    apiVersion >= GROUPS_SINCE &&
    enabledLogs.some((l) => l.category) &&
    enabledLogs.some((l) => l.categoryGroup)
  ) {
    throw diagnosticSettingMixesCategoryAndGroup();
  }
  for (const l of logs) {
    if (l.categoryGroup && apiVersion >= GROUPS_SINCE && known) {
      if (!known.groups.some((g) => g.toLowerCase() === l.categoryGroup?.toLowerCase())) {
        throw diagnosticCategoryGroupNotSupported(l.categoryGroup, known.groups);
      }
    }
    if (l.category && known && !known.logs.some((c) => c.toLowerCase() === l.category?.toLowerCase())) {
      throw diagnosticCategoryNotSupported(l.category);
    }
  }
  for (const m of metrics) {
    if (
      m.category &&
      known &&
      !METRIC_CATEGORIES.some((c) => c.toLowerCase() === m.category?.toLowerCase())
    ) {
      throw diagnosticCategoryNotSupported(m.category);
    }
  }
}

/** Microsoft.Insights answers errors with a flat `{ code, message }` body. */
function insightsError(error: ArmError): EmulatorResponse {
  return { status: error.status, body: error.body, headers: { ...error.headers } };
}

const SINKS = [
  'workspaceId',
  'storageAccountId',
  'eventHubAuthorizationRuleId',
  'marketplacePartnerId',
] as const;

/** Enabled log and metric categories, with groups expanded for the types we know ('*' for the others). */
function enabledCategories(
  resourceType: string,
  properties: DiagnosticSettingResource['properties'],
): string[] {
  const known = DIAGNOSTIC_CATEGORIES[resourceType.toLowerCase()];
  const logs = (properties?.logs ?? []).filter((l) => l.enabled);
  const fromLogs = logs.flatMap((l) => {
    if (l.category) return [l.category];
    if (l.categoryGroup?.toLowerCase() === 'alllogs') return known ? [...known.logs] : ['*'];
    return [];
  });
  const fromMetrics = (properties?.metrics ?? [])
    .filter((m) => m.enabled && m.category)
    .map((m) => m.category ?? '');
  return [...fromLogs, ...fromMetrics];
}

/** Azure refuses a second setting that sends a category of the resource to a sink another setting already uses for it. */
function checkSinksFree(
  resourceType: string,
  name: string,
  properties: DiagnosticSettingResource['properties'],
  others: DiagnosticSettingResource[],
): void {
  const mine = enabledCategories(resourceType, properties);
  for (const other of others) {
    if (other.name?.toLowerCase() === name.toLowerCase()) continue;
    const theirs = new Set(enabledCategories(resourceType, other.properties).map((c) => c.toLowerCase()));
    for (const sink of SINKS) {
      const a = properties?.[sink];
      const b = other.properties?.[sink];
      if (typeof a !== 'string' || typeof b !== 'string' || !sameId(a, b)) continue;
      const shared = mine.find((c) => theirs.has(c.toLowerCase()) || theirs.has('*') || c === '*');
      if (shared) throw diagnosticSinkInUse(a, other.name ?? '', shared);
    }
  }
}

function withTarget(handler: (ctx: RouteContext, resourceId: string) => EmulatorResponse) {
  return (ctx: RouteContext): EmulatorResponse => {
    const resourceId = targetId(ctx);
    if (!findTarget(ctx, resourceId)) return insightsError(resourceNotFound(resourceId));
    try {
      return handler(ctx, resourceId);
    } catch (error) {
      if (error instanceof ArmError) return insightsError(error);
      throw error;
    }
  };
}

/** The dispatcher already put the request in the write log; a settings write completes at once. */
function record(ctx: RouteContext, method: 'PUT' | 'DELETE', id: string, status: number): void {
  if (ctx.logEntry) ctx.logEntry.finishedAt = ctx.emulator.clock.now();
  monitorOf(ctx.emulator).logSettingsWrite({ method, id, status });
  const operation = `${DIAGNOSTIC_SETTINGS_TYPE}/${method === 'PUT' ? 'write' : 'delete'}`;
  ctx.emulator.emit(buildEvent(ctx.req, method === 'PUT' ? 'write' : 'delete', id, operation, new Date()));
}

const getSetting = withTarget((ctx, resourceId) => {
  const stored = monitorOf(ctx.emulator).diagnosticSettings.get(
    idKey(settingId(resourceId, ctx.params.settingName ?? '')),
  );
  if (!stored) return insightsError(resourceNotFound(settingId(resourceId, ctx.params.settingName ?? '')));
  return json(200, view(stored, ctx.req.apiVersion));
});

/** Every setting stored on one resource. */
function settingsOn(ctx: RouteContext, resourceId: string): DiagnosticSettingResource[] {
  const prefix = `${idKey(resourceId)}/providers/microsoft.insights/diagnosticsettings/`;
  return [...monitorOf(ctx.emulator).diagnosticSettings.entries()]
    .filter(([key]) => key.startsWith(prefix))
    .map(([, setting]) => setting);
}

const listSettings = withTarget((ctx, resourceId) =>
  json(200, { value: settingsOn(ctx, resourceId).map((s) => view(s, ctx.req.apiVersion)) }),
);

const putSetting = withTarget((ctx, resourceId) => {
  const name = ctx.params.settingName ?? '';
  const body = ctx.req.body as { properties?: unknown } | undefined;
  if (typeof body?.properties !== 'object' || body.properties === null) {
    throw diagnosticSettingInvalid("The request body must be an object with 'properties'.");
  }
  const properties = body.properties as Record<string, unknown>;
  const target = parseResourceId(resourceId);
  validate(target?.type ?? '', properties, ctx.req.apiVersion);
  const id = settingId(resourceId, name);
  checkSinksFree(target?.type ?? '', name, properties, settingsOn(ctx, resourceId));
  const stored: DiagnosticSettingResource = { id, name, type: DIAGNOSTIC_SETTINGS_TYPE, properties };
  monitorOf(ctx.emulator).diagnosticSettings.set(idKey(id), stored);
  record(ctx, 'PUT', id, 200);
  return json(200, view(stored, ctx.req.apiVersion));
});

const deleteSetting = withTarget((ctx, resourceId) => {
  const id = settingId(resourceId, ctx.params.settingName ?? '');
  const existed = monitorOf(ctx.emulator).diagnosticSettings.delete(idKey(id));
  const status = existed ? 200 : 204;
  if (existed) record(ctx, 'DELETE', id, status);
  else if (ctx.logEntry) ctx.logEntry.finishedAt = ctx.emulator.clock.now();
  return { status };
});

function route(
  method: HttpMethod,
  path: string,
  op: Route['operation'],
  verb: string,
  handle: Route['handle'],
): Route {
  return {
    method,
    path,
    resourceType: DIAGNOSTIC_SETTINGS_TYPE,
    operation: op,
    apiVersions: DIAGNOSTIC_SETTINGS_API_VERSIONS,
    action: `${DIAGNOSTIC_SETTINGS_TYPE}/${verb}`,
    handle,
  };
}

/** `{resourceId}/providers/Microsoft.Insights/diagnosticSettings[/{name}]` under any top-level or child resource. */
export const diagnosticSettingsRoutes: HandlerModule = {
  routes: RESOURCE_PATHS.flatMap((resource) => {
    const list = `${resource}/providers/Microsoft.Insights/diagnosticSettings`;
    const one = `${list}/{settingName}`;
    return [
      route('GET', list, 'list', 'read', listSettings),
      route('GET', one, 'read', 'read', getSetting),
      route('PUT', one, 'write', 'write', putSetting),
      route('DELETE', one, 'delete', 'delete', deleteSetting),
    ];
  }),
};
