import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isRestError } from '@azure/core-rest-pipeline';
import { LogsIngestionClient } from '@azure/monitor-ingestion';
import { emulatorCredential } from '../../../emulator/emulatorCredential';
import { INGESTION_DATA_ACTION } from '../../../emulator/monitor/ingestUpload';
import type { ChangeRow } from '../../../src/monitor/ChangeRow';
import { stepRows, summaryRow } from '../../../src/monitor/changeRows';
import { DUAL_STACK_CHANGES_SCHEMA } from '../../../src/monitor/dualStackChangesSchema';
import {
  contentLengthLimitExceeded,
  dataCollectionRuleNotFound,
  ingestionAccessDenied,
  streamNotDeclared,
} from '../../../src/monitor/monitorErrors';
import { rowProblems } from '../../../src/monitor/rowProblems';
import { armRequest } from '../emulatorTestKit';
import type { MonitorTestEmulator } from './monitorTestKit';
import { DCR_IMMUTABLE_ID, startMonitorEmulator } from './monitorTestKit';

const STREAM = DUAL_STACK_CHANGES_SCHEMA.streamName;
const spoke =
  '/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg-spoke-prod-1/providers/Microsoft.Network/virtualNetworks/vnet-spoke-prod-1';

const rows: ChangeRow[] = [
  ...stepRows({
    runId: 'run-1',
    runKind: 'migration',
    vnetId: spoke,
    at: '2026-11-26T10:00:00Z',
    outcomes: [
      {
        stepId: 'virtualNetwork:x',
        resourceId: spoke,
        kind: 'virtualNetwork',
        outcome: 'applied',
        attempts: 1,
        durationMs: 812,
        ipv6Prefixes: ['fd00:db8:0:100::/56'],
      },
    ],
  }),
  summaryRow({
    runId: 'run-1',
    runKind: 'migration',
    outcome: 'succeeded',
    stepsTotal: 1,
    stepsSucceeded: 1,
    stepsFailed: 0,
    changes: 1,
    lostRows: 0,
    finishedAt: '2026-11-26T10:00:01Z',
  }),
];

function ingestionClient(emu: MonitorTestEmulator, principalId?: string): LogsIngestionClient {
  return new LogsIngestionClient(emu.dce.endpoint, emulatorCredential(principalId), {
    tlsOptions: { ca: emu.dce.ca },
    retryOptions: { maxRetries: 0 },
  });
}

async function uploadError(
  p: Promise<void>,
): Promise<{ statusCode?: number; code?: string; message: string }> {
  try {
    await p;
  } catch (e) {
    const cause = (e as { errors?: { cause: unknown }[] }).errors?.[0]?.cause ?? e;
    if (isRestError(cause)) return { statusCode: cause.statusCode, code: cause.code, message: cause.message };
    throw e;
  }
  throw new Error('expected the upload to fail');
}

const asLogs = (r: ChangeRow[]): Record<string, unknown>[] => r.map((x) => ({ ...x }));

describe('the emulated Logs Ingestion endpoint', () => {
  let emu: MonitorTestEmulator;
  beforeAll(async () => {
    emu = await startMonitorEmulator();
  });
  afterAll(() => emu.stop());
  beforeEach(() => emu.monitor.clear());

  it('stores what the real client sends (gzip, bearer token, DCR id and stream in the path), rows matching the schema', async () => {
    await ingestionClient(emu).upload(DCR_IMMUTABLE_ID, STREAM, asLogs(rows));
    const stored = emu.monitor.ingestedRows(STREAM);
    expect(stored).toEqual(rows);
    for (const row of stored) expect(rowProblems(row, DUAL_STACK_CHANGES_SCHEMA.columns)).toEqual([]);
    expect(emu.monitor.ingestionLog()).toEqual([
      { ruleId: DCR_IMMUTABLE_ID, stream: STREAM, rows: 2, status: 204, gzip: true },
    ]);
  });

  it("in 'count' mode checks and counts what it accepts, and keeps no row (a measurement's endpoint)", async () => {
    const counting = await startMonitorEmulator([], { rows: 'count' });
    try {
      await ingestionClient(counting).upload(DCR_IMMUTABLE_ID, STREAM, asLogs(rows));
      await ingestionClient(counting).upload(DCR_IMMUTABLE_ID, STREAM, asLogs(rows));
      const bad = [{ ...rows[1], RunID: 'run-1' }];
      expect(
        await uploadError(ingestionClient(counting).upload(DCR_IMMUTABLE_ID, STREAM, bad)),
      ).toMatchObject({
        statusCode: 400,
        code: 'InvalidPayload',
      });
      expect(counting.monitor.rowCount(STREAM.toUpperCase())).toBe(4);
      expect(counting.monitor.ingestedRows(STREAM)).toEqual([]);
      expect(counting.monitor.ingestionLog().map((e) => [e.rows, e.status])).toEqual([
        [2, 204],
        [2, 204],
        [1, 400],
      ]);
      // and the default endpoint counts what it keeps
      await ingestionClient(emu).upload(DCR_IMMUTABLE_ID, STREAM, asLogs(rows));
      expect(emu.monitor.rowCount(STREAM)).toBe(emu.monitor.ingestedRows(STREAM).length);
    } finally {
      await counting.stop();
    }
  });

  it('refuses a batch with a misspelled column or a mistyped value, storing none of it', async () => {
    const bad = [{ ...rows[0] }, { ...rows[1], RunID: 'run-1' }, { ...rows[1], Retries: 'two' }];
    const error = await uploadError(ingestionClient(emu).upload(DCR_IMMUTABLE_ID, STREAM, bad));
    expect(error).toMatchObject({ statusCode: 400, code: 'InvalidPayload' });
    expect(emu.monitor.ingestedRows(STREAM)).toEqual([]);
  });

  it('answers an unknown rule, an undeclared stream and a missing data action as the service does', async () => {
    const client = ingestionClient(emu);
    const unknownRule = dataCollectionRuleNotFound('dcr-unknown');
    expect(await uploadError(client.upload('dcr-unknown', STREAM, asLogs(rows)))).toEqual({
      statusCode: 404,
      code: unknownRule.code,
      message: unknownRule.body.message,
    });
    expect(await uploadError(client.upload(DCR_IMMUTABLE_ID, 'Custom-Other_CL', asLogs(rows)))).toMatchObject(
      {
        statusCode: 400,
        code: streamNotDeclared(DCR_IMMUTABLE_ID, 'Custom-Other_CL').code,
      },
    );
    const principal = '00000000-0000-4000-8000-0000000000cc';
    emu.setRbac({ [principal]: ['Microsoft.Network/*/read'] });
    try {
      const denied = ingestionAccessDenied(DCR_IMMUTABLE_ID);
      expect(
        await uploadError(ingestionClient(emu, principal).upload(DCR_IMMUTABLE_ID, STREAM, asLogs(rows))),
      ).toEqual({
        statusCode: 403,
        code: denied.code,
        message: denied.body.message,
      });
      emu.setRbac({ [principal]: [INGESTION_DATA_ACTION] });
      await ingestionClient(emu, principal).upload(DCR_IMMUTABLE_ID, STREAM, asLogs(rows));
    } finally {
      emu.setRbac(undefined);
    }
    expect(emu.monitor.ingestedRows(STREAM)).toHaveLength(2);
  });

  it('is also served by the ARM emulator itself for plain JSON, outside the ARM write log', async () => {
    emu.handle.clearWriteLog();
    const path = `/dataCollectionRules/${DCR_IMMUTABLE_ID}/streams/${STREAM}?api-version=2023-01-01`;
    const ok = await armRequest(emu.handle, 'POST', path, { body: rows });
    expect(ok.status).toBe(204);
    expect(emu.monitor.ingestedRows(STREAM)).toEqual(rows);

    const big = [{ ...rows[0], Message: 'x'.repeat(1_100_000) }];
    const tooBig = await armRequest(emu.handle, 'POST', path, { body: big });
    const expected = contentLengthLimitExceeded(Buffer.byteLength(JSON.stringify(big)));
    expect(tooBig.status).toBe(413);
    expect(tooBig.headers['x-ms-error-code']).toBe('ContentLengthLimitExceeded');
    expect(tooBig.body).toEqual(expected.toEnvelope());
    expect(emu.handle.writeLog()).toEqual([]);
  });
});

describe("the emulated endpoint in 'drop' mode", () => {
  let emu: MonitorTestEmulator;
  beforeAll(async () => {
    emu = await startMonitorEmulator([], { rowMismatch: 'drop' });
  });
  afterAll(() => emu.stop());

  it('accepts a mismatched row as the service does: undeclared properties dropped, mistyped values null', async () => {
    await ingestionClient(emu).upload(DCR_IMMUTABLE_ID, STREAM, [
      { ...rows[1], RunID: 'x', StepsTotal: 'many' },
    ]);
    expect(emu.monitor.ingestedRows(STREAM)).toEqual([{ ...rows[1], StepsTotal: null }]);
  });
});

describe('the official Logs Ingestion example (post_IngestUsingDataCollectionRule.json)', () => {
  const SPECS = process.env.DUALSTACK_SPECS_DIR ?? join(__dirname, '../../../vendor/azure-rest-api-specs');
  const example = JSON.parse(
    readFileSync(
      join(
        SPECS,
        'specification/monitor/data-plane/ingestion/stable/2023-01-01/examples/post_IngestUsingDataCollectionRule.json',
      ),
      'utf8',
    ),
  ) as {
    parameters: { ruleId: string; stream: string; 'api-version': string; body: Record<string, unknown>[] };
  };
  const { ruleId, stream, body } = example.parameters;
  let emu: MonitorTestEmulator;
  beforeAll(async () => {
    emu = await startMonitorEmulator();
    emu.monitor.addDataCollectionRule({
      immutableId: ruleId,
      streams: [
        {
          tableName: 'MyTable_CL',
          streamName: stream,
          columns: [
            { name: 'Time', type: 'datetime' },
            { name: 'Computer', type: 'string' },
            { name: 'AdditionalContext', type: 'dynamic' },
          ],
        },
      ],
    });
  });
  afterAll(() => emu.stop());

  it('is accepted as the example says (204) and stored as sent', async () => {
    expect(example.parameters['api-version']).toBe('2023-01-01');
    await ingestionClient(emu).upload(ruleId, stream, body);
    expect(emu.monitor.ingestedRows(stream)).toEqual(body);
    expect(emu.monitor.ingestionLog()).toEqual([
      { ruleId, stream, rows: body.length, status: 204, gzip: true },
    ]);
  });
});
