import type { StreamSchema } from '../../src/monitor/StreamSchema';
import type { DiagnosticSettingResource } from '../../src/monitor/ensureDiagnosticSetting';

/** A data collection rule as the ingestion endpoint knows it: its immutable id and declared streams. */
export interface EmulatedDataCollectionRule {
  immutableId: string;
  /** Stream declarations; a shared schema file (tableName, streamName, columns) fits as it is. */
  streams: StreamSchema[];
}

export interface MonitorEmulatorOptions {
  dataCollectionRules?: EmulatedDataCollectionRule[];
  /**
   * 'reject' (default) answers 400 to a batch with a row that has an undeclared
   * column or a value of the wrong type, so a typo fails a test. 'drop' does what
   * the service does (it answers 204 and drops what doesn't match): undeclared
   * properties are removed and mistyped values stored as null.
   */
  rowMismatch?: 'reject' | 'drop';
  /**
   * 'keep' (default) stores every accepted row for ingestedRows(). 'count' only counts them
   * (rowCount()): Azure Monitor keeps rows outside the app, and a measurement of the app's
   * memory should not hold a whole run's rows in its process.
   */
  rows?: 'keep' | 'count';
}

/** An ingestion fault: the next `count` uploads (default: every one) get `status`. */
export interface IngestionFault {
  status: 500 | 503;
  count?: number;
  /** Sent as Retry-After; the client's retry policy then waits that long. */
  retryAfterSeconds?: number;
}

export interface IngestionLogEntry {
  ruleId: string;
  stream: string;
  rows: number;
  status: number;
  gzip: boolean;
}

export interface DiagnosticSettingsWrite {
  method: 'PUT' | 'DELETE';
  /** The setting's id: `{resourceId}/providers/Microsoft.Insights/diagnosticSettings/{name}`. */
  id: string;
  status: number;
}

/**
 * The Azure Monitor side of one emulator: what was ingested and which
 * diagnostic settings exist. Pass one as `monitor` in the emulator options to
 * configure it and to read it back in tests.
 */
export class MonitorEmulator {
  readonly rules = new Map<string, EmulatedDataCollectionRule>();
  readonly rowMismatch: 'reject' | 'drop';
  /** lower-cased setting id -> setting as stored */
  readonly diagnosticSettings = new Map<string, DiagnosticSettingResource>();
  readonly keepRows: boolean;
  private readonly rows = new Map<string, Record<string, unknown>[]>();
  private readonly counts = new Map<string, number>();
  private readonly ingestion: IngestionLogEntry[] = [];
  private readonly settingsWrites: DiagnosticSettingsWrite[] = [];
  private fault: IngestionFault | undefined;

  constructor(options: MonitorEmulatorOptions = {}) {
    this.rowMismatch = options.rowMismatch ?? 'reject';
    this.keepRows = (options.rows ?? 'keep') === 'keep';
    for (const rule of options.dataCollectionRules ?? []) this.addDataCollectionRule(rule);
  }

  addDataCollectionRule(rule: EmulatedDataCollectionRule): void {
    this.rules.set(rule.immutableId.toLowerCase(), rule);
  }

  /** Rows stored for a stream (case-insensitive), in arrival order. */
  ingestedRows(stream: string): Record<string, unknown>[] {
    return [...(this.rows.get(stream.toLowerCase()) ?? [])];
  }

  /** How many rows were accepted for a stream (case-insensitive), kept or only counted. */
  rowCount(stream: string): number {
    return this.counts.get(stream.toLowerCase()) ?? 0;
  }

  /** Every upload call, accepted or refused. */
  ingestionLog(): readonly IngestionLogEntry[] {
    return [...this.ingestion];
  }

  /** Fail uploads until cleared (or for `count` calls); `undefined` clears. */
  setIngestionFault(fault: IngestionFault | undefined): void {
    this.fault = fault ? { ...fault } : undefined;
  }

  diagnosticSettingsWrites(): readonly DiagnosticSettingsWrite[] {
    return [...this.settingsWrites];
  }

  clear(): void {
    this.rows.clear();
    this.counts.clear();
    this.ingestion.length = 0;
    this.settingsWrites.length = 0;
  }

  /** @internal the fault for this upload, if any, consuming one of its count. */
  drawIngestionFault(): IngestionFault | undefined {
    const fault = this.fault;
    if (!fault) return undefined;
    if (fault.count !== undefined && --fault.count <= 0) this.fault = undefined;
    return { ...fault };
  }

  /** @internal */
  store(stream: string, rows: Record<string, unknown>[]): void {
    const key = stream.toLowerCase();
    this.counts.set(key, (this.counts.get(key) ?? 0) + rows.length);
    if (!this.keepRows) return;
    // Appended in place: copying the stream's rows on every upload is quadratic in a big run.
    const stored = this.rows.get(key) ?? [];
    for (const row of rows) stored.push(row);
    this.rows.set(key, stored);
  }

  /** @internal */
  logIngestion(entry: IngestionLogEntry): void {
    this.ingestion.push(entry);
  }

  /** @internal */
  logSettingsWrite(entry: DiagnosticSettingsWrite): void {
    this.settingsWrites.push(entry);
  }
}
