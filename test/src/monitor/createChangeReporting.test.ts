import { createServer } from 'node:net';
import { emulatorCredential } from '../../../emulator/emulatorCredential';
import { ChangeReporter, reportingOff } from '../../../src/monitor/ChangeReporter';
import type { RowLoss } from '../../../src/monitor/ChangeReporter';
import { createChangeReporting } from '../../../src/monitor/createChangeReporting';

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('createChangeReporting', () => {
  it('is off when no DCR is configured', () => {
    expect(createChangeReporting(undefined, { credential: emulatorCredential() })).toBe(reportingOff);
  });

  it('reports to the configured endpoint and stream, counting rows it cannot deliver', async () => {
    const losses: RowLoss[] = [];
    const reporting = createChangeReporting(
      {
        endpoint: `https://127.0.0.1:${await closedPort()}`,
        dcrImmutableId: 'dcr-00000000000040008000000000000d5c',
        stream: 'Custom-DualStackChanges_CL',
      },
      {
        credential: emulatorCredential(),
        retryOptions: { maxRetries: 1, retryDelayInMs: 1, maxRetryDelayInMs: 1 },
      },
      { onLoss: (loss) => losses.push(loss) },
    );
    expect(reporting).toBeInstanceOf(ChangeReporter);
    const row = {
      TimeGenerated: '2026-11-26T10:00:00Z',
      RunId: 'r',
      RunKind: 'drift',
      RowType: 'summary',
    } as const;
    await expect(reporting.report([row])).resolves.toEqual({ sent: 0, lost: 1 });
    expect(losses).toEqual([
      expect.objectContaining({ rows: 1, message: expect.stringMatching(/ECONNREFUSED/) }),
    ]);
  });
});
