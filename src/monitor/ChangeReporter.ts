import type { TokenCredential } from '@azure/core-auth';
import type { PipelineRetryOptions, TlsSettings } from '@azure/core-rest-pipeline';
import { isRestError } from '@azure/core-rest-pipeline';
import { LogsIngestionClient } from '@azure/monitor-ingestion';
import type { ChangeRow } from './ChangeRow';
import { DUAL_STACK_CHANGES_SCHEMA } from './dualStackChangesSchema';

export interface ReportResult {
  sent: number;
  lost: number;
}

/** What an activity needs; `reportingOff` stands in when no DCR is configured. */
export interface ChangeReporting {
  report(rows: readonly ChangeRow[]): Promise<ReportResult>;
}

export const reportingOff: ChangeReporting = {
  report: () => Promise.resolve({ sent: 0, lost: 0 }),
};

export interface RowLoss {
  rows: number;
  /** The service's error code when it answered (e.g. 'ServiceUnavailable'), else the error's name. */
  code: string;
  status?: number;
  message: string;
}

export interface ChangeReporterOptions {
  /** The DCR's logs ingestion endpoint (or the DCE's). */
  endpoint: string;
  /** The DCR's immutable id (dcr-...). */
  ruleId: string;
  /** Default: the shared schema's stream, Custom-DualStackChanges_CL. */
  streamName?: string;
  credential: TokenCredential;
  /** For the emulator's self-signed certificate: `{ ca }`. */
  tlsOptions?: TlsSettings;
  /** Rows per upload call; also kept under the service's 1 MB body limit by size. Default 500. */
  batchRows?: number;
  /** Upload calls in flight at once. Default 2. */
  maxConcurrency?: number;
  /**
   * The client's own retry policy (429 with Retry-After, 5xx, network errors) is
   * the bounded retry: defaults here are 3 retries from 1 s up to 8 s per batch.
   */
  retryOptions?: PipelineRetryOptions;
  /** Rows still unsent after this long count as lost, so a dead endpoint can't hold up a run. Default 60 s. */
  timeoutMs?: number;
  /** Told about every loss; default writes a warning to the console. */
  onLoss?: (loss: RowLoss) => void;
}

const DEFAULT_BATCH_ROWS = 500;
const DEFAULT_CONCURRENCY = 2;
const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_RETRY: PipelineRetryOptions = { maxRetries: 3, retryDelayInMs: 1000, maxRetryDelayInMs: 8000 };
/** The service takes at most 1 MB per call; stay clear of it. */
const MAX_BATCH_BYTES = 900_000;

function describeLoss(rows: number, error: unknown): RowLoss {
  if (isRestError(error)) {
    return {
      rows,
      code: error.code ?? `HTTP${error.statusCode ?? ''}`,
      status: error.statusCode,
      message: error.message,
    };
  }
  const e = error instanceof Error ? error : new Error(String(error));
  return { rows, code: e.name, message: e.message };
}

/** Splits rows into batches of at most `maxRows` rows and about MAX_BATCH_BYTES of JSON. */
export function batchRows(rows: readonly ChangeRow[], maxRows: number): ChangeRow[][] {
  const batches: ChangeRow[][] = [];
  let batch: ChangeRow[] = [];
  let bytes = 0;
  for (const row of rows) {
    const size = Buffer.byteLength(JSON.stringify(row)) + 1;
    if (batch.length > 0 && (batch.length >= maxRows || bytes + size > MAX_BATCH_BYTES)) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(row);
    bytes += size;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

/**
 * Sends DualStackChanges_CL rows through the Logs Ingestion API and never lets
 * a reporting failure reach the caller: every batch is either sent or counted
 * as lost (and told to `onLoss`), so a migration carries on when Azure Monitor
 * is down and its summary says how much of its report is missing. "Lost"
 * means "not confirmed": a call that timed out may still have been stored.
 *
 * Rows are not buffered across calls on purpose: a Functions instance can be
 * recycled between two activities, and a row held in memory then would vanish
 * without being counted. Each `report` call finishes its rows before it returns.
 */
export class ChangeReporter implements ChangeReporting {
  private readonly client: LogsIngestionClient;
  private readonly streamName: string;
  private sentTotal = 0;
  private lostTotal = 0;

  constructor(private readonly options: ChangeReporterOptions) {
    if (!/^https:\/\//i.test(options.endpoint))
      throw new TypeError(`endpoint must be an https URL: '${options.endpoint}'`);
    if (!options.ruleId.trim()) throw new TypeError('ruleId (the DCR immutable id) must not be empty');
    this.streamName = options.streamName ?? DUAL_STACK_CHANGES_SCHEMA.streamName;
    this.client = new LogsIngestionClient(options.endpoint, options.credential, {
      retryOptions: { ...DEFAULT_RETRY, ...options.retryOptions },
      ...(options.tlsOptions ? { tlsOptions: options.tlsOptions } : {}),
    });
  }

  /** Rows delivered by this reporter so far. */
  get sentRows(): number {
    return this.sentTotal;
  }

  /** Rows this reporter could not deliver so far. */
  get lostRows(): number {
    return this.lostTotal;
  }

  async report(rows: readonly ChangeRow[]): Promise<ReportResult> {
    const batches = batchRows(rows, Math.max(1, this.options.batchRows ?? DEFAULT_BATCH_ROWS));
    const abortSignal = AbortSignal.timeout(this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    const result: ReportResult = { sent: 0, lost: 0 };
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let batch = batches[next++]; batch; batch = batches[next++]) {
        try {
          const logs = batch.map((row): Record<string, unknown> => ({ ...row }));
          await this.client.upload(this.options.ruleId, this.streamName, logs, {
            abortSignal,
            maxConcurrency: 1,
          });
          result.sent += batch.length;
        } catch (error) {
          result.lost += batch.length;
          this.tellLoss(describeLoss(batch.length, firstCause(error)));
        }
      }
    };
    const workers = Math.min(batches.length, Math.max(1, this.options.maxConcurrency ?? DEFAULT_CONCURRENCY));
    await Promise.all(Array.from({ length: workers }, worker));
    this.sentTotal += result.sent;
    this.lostTotal += result.lost;
    return result;
  }

  private tellLoss(loss: RowLoss): void {
    try {
      (this.options.onLoss ?? warnLoss)(loss);
    } catch {
      // a faulty listener must not turn a counted loss into a failed run
    }
  }
}

/** upload() wraps each failed chunk in an AggregateLogsUploadError; the first cause carries the service's answer. */
function firstCause(error: unknown): unknown {
  const errors = (error as { errors?: { cause?: unknown }[] } | undefined)?.errors;
  return errors?.[0]?.cause ?? error;
}

function warnLoss(loss: RowLoss): void {
  console.warn(
    `DualStackChanges_CL: ${loss.rows} row(s) not delivered to Azure Monitor (${loss.code}${loss.status ? `, HTTP ${loss.status}` : ''}): ${loss.message}`,
  );
}
