import { emulatorCredential } from '../../../emulator/emulatorCredential';
import type { ChangeReporterOptions, RowLoss } from '../../../src/monitor/ChangeReporter';
import { ChangeReporter, batchRows, reportingOff } from '../../../src/monitor/ChangeReporter';
import type { ChangeRow } from '../../../src/monitor/ChangeRow';
import { DUAL_STACK_CHANGES_SCHEMA } from '../../../src/monitor/dualStackChangesSchema';
import { rowProblems } from '../../../src/monitor/rowProblems';
import type { MonitorTestEmulator } from '../../emulator/monitor/monitorTestKit';
import { DCR_IMMUTABLE_ID, startMonitorEmulator } from '../../emulator/monitor/monitorTestKit';

const STREAM = DUAL_STACK_CHANGES_SCHEMA.streamName;

function stepRow(i: number): ChangeRow {
  return {
    TimeGenerated: new Date(Date.UTC(2026, 10, 26, 10, 0, i)).toISOString(),
    RunId: 'run-7',
    RunKind: 'migration',
    RowType: 'step',
    ResourceId: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/nic-${i}`,
    ResourceKind: 'networkInterface',
    Action: 'addIpv6',
    Outcome: 'applied',
    DurationMs: 100 + i,
    Retries: 0,
  };
}

const fiveRows = [0, 1, 2, 3, 4].map(stepRow);

let emu: MonitorTestEmulator;
beforeAll(async () => {
  emu = await startMonitorEmulator();
});
afterAll(() => emu.stop());
beforeEach(() => {
  emu.monitor.clear();
  emu.monitor.setIngestionFault(undefined);
});

function reporter(options: Partial<ChangeReporterOptions> = {}, losses: RowLoss[] = []): ChangeReporter {
  return new ChangeReporter({
    endpoint: emu.dce.endpoint,
    ruleId: DCR_IMMUTABLE_ID,
    credential: emulatorCredential(),
    tlsOptions: { ca: emu.dce.ca },
    retryOptions: { maxRetries: 2, retryDelayInMs: 1, maxRetryDelayInMs: 2 },
    onLoss: (loss) => losses.push(loss),
    ...options,
  });
}

describe('ChangeReporter', () => {
  it('sends rows in batches to the shared stream, each row matching the schema', async () => {
    const r = reporter({ batchRows: 2 });
    await expect(r.report(fiveRows)).resolves.toEqual({ sent: 5, lost: 0 });
    const stored = emu.monitor.ingestedRows(STREAM);
    // Batches go out concurrently, so they may land in any order.
    const resourceOf = (row: object): string => String((row as { ResourceId?: unknown }).ResourceId);
    const byResource = <T extends object>(rows: readonly T[]) =>
      [...rows].sort((x, y) => resourceOf(x).localeCompare(resourceOf(y)));
    expect(byResource(stored)).toEqual(byResource(fiveRows));
    for (const row of stored) expect(rowProblems(row, DUAL_STACK_CHANGES_SCHEMA.columns)).toEqual([]);
    const batches = emu.monitor.ingestionLog().map((e) => [e.rows, e.status, e.gzip]);
    expect(batches.sort()).toEqual([
      [1, 204, true],
      [2, 204, true],
      [2, 204, true],
    ]);
    expect([r.sentRows, r.lostRows]).toEqual([5, 0]);
  });

  it('rides out a transient 503 with the bounded retry and loses nothing', async () => {
    emu.monitor.setIngestionFault({ status: 503, count: 1 });
    const losses: RowLoss[] = [];
    await expect(reporter({}, losses).report(fiveRows)).resolves.toEqual({ sent: 5, lost: 0 });
    expect(emu.monitor.ingestionLog().map((e) => e.status)).toEqual([503, 204]);
    expect(losses).toEqual([]);
  });

  it('counts the rows as lost, and does not throw, when Azure Monitor stays down', async () => {
    emu.monitor.setIngestionFault({ status: 503 });
    const losses: RowLoss[] = [];
    const r = reporter({ batchRows: 3 }, losses);
    await expect(r.report(fiveRows)).resolves.toEqual({ sent: 0, lost: 5 });
    expect(r.lostRows).toBe(5);
    // Batches upload concurrently, so their losses arrive in either order.
    expect([...losses].sort((a, b) => b.rows - a.rows)).toEqual([
      expect.objectContaining({ rows: 3, code: 'ServiceUnavailable', status: 503 }),
      expect.objectContaining({ rows: 2, code: 'ServiceUnavailable', status: 503 }),
    ]);
    // the retry is bounded: first try + maxRetries per batch
    expect(emu.monitor.ingestionLog()).toHaveLength(2 * 3);
    expect(emu.monitor.ingestedRows(STREAM)).toEqual([]);

    emu.monitor.setIngestionFault(undefined);
    await expect(r.report(fiveRows.slice(0, 1))).resolves.toEqual({ sent: 1, lost: 0 });
    expect([r.sentRows, r.lostRows]).toEqual([1, 5]);
  });

  it('does not retry rows the service refuses, and says why they were lost', async () => {
    const losses: RowLoss[] = [];
    const bad = { ...stepRow(9), Retries: 1.5 };
    await expect(reporter({}, losses).report([bad])).resolves.toEqual({ sent: 0, lost: 1 });
    expect(losses).toEqual([expect.objectContaining({ rows: 1, code: 'InvalidPayload', status: 400 })]);
    expect(emu.monitor.ingestionLog()).toHaveLength(1);
  });

  it('gives up at its deadline so a dead endpoint cannot hold a run up', async () => {
    emu.monitor.setIngestionFault({ status: 503 });
    const losses: RowLoss[] = [];
    const r = reporter(
      { timeoutMs: 50, retryOptions: { maxRetries: 10, retryDelayInMs: 30, maxRetryDelayInMs: 30 } },
      losses,
    );
    await expect(r.report(fiveRows)).resolves.toEqual({ sent: 0, lost: 5 });
    expect(losses).toEqual([expect.objectContaining({ rows: 5 })]);
    expect(emu.monitor.ingestionLog().length).toBeLessThan(11);
  });

  it('counts the rows as lost when no token can be had (identity not available)', async () => {
    const losses: RowLoss[] = [];
    const r = reporter(
      { credential: { getToken: () => Promise.reject(new Error('ManagedIdentityCredential: no identity')) } },
      losses,
    );
    await expect(r.report(fiveRows)).resolves.toEqual({ sent: 0, lost: 5 });
    expect(losses).toEqual([
      expect.objectContaining({ rows: 5, message: expect.stringContaining('no identity') }),
    ]);
    expect(emu.monitor.ingestionLog()).toEqual([]);
  });

  it('keeps counting when the loss listener itself throws', async () => {
    emu.monitor.setIngestionFault({ status: 500 });
    const r = reporter({
      retryOptions: { maxRetries: 0 },
      onLoss: () => {
        throw new Error('listener broke');
      },
    });
    await expect(r.report(fiveRows)).resolves.toEqual({ sent: 0, lost: 5 });
  });

  it('sends nothing for no rows, and reportingOff reports nothing', async () => {
    await expect(reporter().report([])).resolves.toEqual({ sent: 0, lost: 0 });
    await expect(reportingOff.report(fiveRows)).resolves.toEqual({ sent: 0, lost: 0 });
    expect(emu.monitor.ingestionLog()).toEqual([]);
  });

  it('refuses a configuration it cannot use, naming the field', () => {
    expect(() => reporter({ endpoint: 'http://dce.example' })).toThrow(
      "endpoint must be an https URL: 'http://dce.example'",
    );
    expect(() => reporter({ ruleId: ' ' })).toThrow('ruleId (the DCR immutable id) must not be empty');
  });
});

describe('batchRows', () => {
  it('splits by row count and keeps every batch under the 1 MB body limit', () => {
    const large = [0, 1, 2].map((i) => ({ ...stepRow(i), Message: 'x'.repeat(400_000) }));
    expect(batchRows(large, 500).map((b) => b.length)).toEqual([2, 1]);
    expect(batchRows(fiveRows, 2).map((b) => b.length)).toEqual([2, 2, 1]);
    expect(batchRows([], 2)).toEqual([]);
  });
});
