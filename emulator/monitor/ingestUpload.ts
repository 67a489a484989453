import { gunzipSync } from 'node:zlib';
import type { ArmError } from '../../src/arm/errors/ArmError';
import {
  contentLengthLimitExceeded,
  dataCollectionRuleNotFound,
  ingestionAccessDenied,
  ingestionServiceError,
  invalidPayload,
  streamNotDeclared,
} from '../../src/monitor/monitorErrors';
import { rowProblems } from '../../src/monitor/rowProblems';
import type { ColumnDefinition } from '../../src/monitor/StreamSchema';
import { isAllowed } from '../core/actionMatches';
import type { EmulatorResponse } from '../http/EmulatorRequest';
import { errorResponse } from '../http/EmulatorRequest';
import type { MonitorEmulator } from './MonitorEmulator';

export const LOGS_INGESTION_API_VERSION = '2023-01-01';
/** The data action of Monitoring Metrics Publisher that ingestion needs on the rule. */
export const INGESTION_DATA_ACTION = 'Microsoft.Insights/Telemetry/Write';
const MAX_BODY_BYTES = 1_048_576;

/** One upload as it arrived, whatever served it. */
export interface UploadRequest {
  ruleId: string;
  stream: string;
  /** Lower-cased header names. */
  headers: Record<string, string | undefined>;
  /** Raw bytes (a server that doesn't decode), or the JSON value a server already decoded. */
  body: unknown;
  principalId: string;
  /** principalId -> allowed actions; undefined lets everyone in. */
  rbac: Record<string, string[]> | undefined;
}

/** The body as JSON text: the real client always gzips; plain JSON is accepted too. */
function bodyText(upload: UploadRequest): { text: string; gzip: boolean } | ArmError {
  const gzip = (upload.headers['content-encoding'] ?? '').toLowerCase() === 'gzip';
  const raw = upload.body;
  if (raw instanceof Uint8Array) {
    try {
      return { text: (gzip ? gunzipSync(raw) : Buffer.from(raw)).toString('utf8'), gzip };
    } catch {
      return invalidPayload('The request body is not valid gzip data although Content-Encoding is gzip.');
    }
  }
  if (typeof raw === 'string') return { text: raw, gzip };
  return { text: JSON.stringify(raw ?? null), gzip };
}

function matchRows(
  rows: Record<string, unknown>[],
  columns: readonly ColumnDefinition[],
  monitor: MonitorEmulator,
): Record<string, unknown>[] | ArmError {
  const problems = rows.flatMap((row, i) =>
    rowProblems(row, columns).map((message) => ({ target: `[${i}]`, message })),
  );
  if (problems.length === 0) return rows;
  if (monitor.rowMismatch === 'reject') {
    return invalidPayload(
      `${problems.length} value(s) do not match the stream declaration; no row of this request was ingested.`,
      problems,
    );
  }
  const byName = new Map(columns.map((c) => [c.name, c]));
  return rows.map((row) =>
    Object.fromEntries(
      Object.entries(row)
        .filter(([name]) => byName.has(name))
        .map(([name, value]) => [name, rowProblems({ [name]: value }, columns).length === 0 ? value : null]),
    ),
  );
}

/** Upload (Logs Ingestion 2023-01-01): checks, stores and logs one call; answers as the service does. */
export function ingestUpload(monitor: MonitorEmulator, upload: UploadRequest): EmulatorResponse {
  const { ruleId, stream } = upload;
  const log = (status: number, rows: number, gzip: boolean): void =>
    monitor.logIngestion({ ruleId, stream, rows, status, gzip });
  const refuse = (error: ArmError, rows = 0, gzip = false): EmulatorResponse => {
    log(error.status, rows, gzip);
    return errorResponse(error);
  };

  const rule = monitor.rules.get(ruleId.toLowerCase());
  if (!rule) return refuse(dataCollectionRuleNotFound(ruleId));
  if (upload.rbac && !isAllowed(upload.rbac[upload.principalId], INGESTION_DATA_ACTION)) {
    return refuse(ingestionAccessDenied(ruleId));
  }
  const declaration = rule.streams.find((s) => s.streamName === stream);
  if (!declaration) return refuse(streamNotDeclared(ruleId, stream));
  const body = bodyText(upload);
  if ('status' in body) return refuse(body);
  const length = Buffer.byteLength(body.text);
  if (length > MAX_BODY_BYTES) return refuse(contentLengthLimitExceeded(length), 0, body.gzip);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.text);
  } catch {
    return refuse(invalidPayload('The request body is not valid JSON.'), 0, body.gzip);
  }
  if (!Array.isArray(parsed) || parsed.some((r) => typeof r !== 'object' || r === null || Array.isArray(r))) {
    return refuse(invalidPayload('The request body must be a JSON array of objects.'), 0, body.gzip);
  }
  const rows = parsed as Record<string, unknown>[];
  const fault = monitor.drawIngestionFault();
  if (fault)
    return refuse(ingestionServiceError(fault.status, fault.retryAfterSeconds), rows.length, body.gzip);
  const accepted = matchRows(rows, declaration.columns, monitor);
  if (!Array.isArray(accepted)) return refuse(accepted, rows.length, body.gzip);
  monitor.store(declaration.streamName, accepted);
  log(204, rows.length, body.gzip);
  return { status: 204 };
}
