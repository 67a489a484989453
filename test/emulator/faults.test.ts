import type { EmulatorHandle, FaultRule } from '../../emulator/EmulatorOptions';
import { DEFAULT_PRINCIPAL_ID } from '../../emulator/emulatorCredential';
import { internalServerError, serviceUnavailable } from '../../src/arm/errors/commonErrors';
import { networkClient, networkId, POLL, RG, startTestEmulator } from './emulatorTestKit';

const noRetry = { retryOptions: { maxRetries: 0 } };

describe('fault injection and the write log', () => {
  let handle: EmulatorHandle;
  beforeEach(async () => {
    handle = await startTestEmulator({ seed: 7 });
  });
  afterEach(() => handle.stop());

  it('answers an injected 500 or 503 at once, for the rule operation and type only', async () => {
    const client = networkClient(handle, undefined, noRetry);
    await client.routeTables.beginCreateOrUpdateAndWait(RG, 'f-rt', { location: 'westeurope' }, POLL);
    await client.networkSecurityGroups.beginCreateOrUpdateAndWait(
      RG,
      'f-nsg',
      { location: 'westeurope' },
      POLL,
    );
    handle.setFaults([
      { operation: 'read', resourceType: 'Microsoft.Network/routeTables', probability: 1, fault: 'http500' },
    ]);
    const e500 = internalServerError();
    await expect(client.routeTables.get(RG, 'f-rt')).rejects.toMatchObject({
      statusCode: e500.status,
      code: e500.code,
    });
    expect((await client.networkSecurityGroups.get(RG, 'f-nsg')).name).toBe('f-nsg');
    handle.setFaults([{ operation: 'read', probability: 1, fault: 'http503' }]);
    const e503 = serviceUnavailable();
    await expect(client.networkSecurityGroups.get(RG, 'f-nsg')).rejects.toMatchObject({
      statusCode: e503.status,
      code: e503.code,
    });
  });

  it('ends a write Failed with lroFailed: the poller rejects and the resource shows Failed', async () => {
    const client = networkClient(handle, undefined, noRetry);
    handle.setFaults([{ operation: 'write', probability: 1, fault: 'lroFailed' }]);
    await expect(
      client.routeTables.beginCreateOrUpdateAndWait(RG, 'f-failed', { location: 'westeurope' }, POLL),
    ).rejects.toThrow(internalServerError().code);
    handle.setFaults([]);
    expect((await client.routeTables.get(RG, 'f-failed')).provisioningState).toBe('Failed');
  });

  it('drops the connection with drop', async () => {
    const client = networkClient(handle, undefined, noRetry);
    handle.setFaults([{ operation: 'list', probability: 1, fault: 'drop' }]);
    await expect(client.routeTables.list(RG).next()).rejects.toMatchObject({
      code: expect.stringMatching(/ECONNRESET|socket hang up/i),
    });
  });

  it('draws the same faults for the same seed', async () => {
    const rules: FaultRule[] = [{ operation: 'read', probability: 0.5, fault: 'http500' }];
    const outcomes = async (h: EmulatorHandle): Promise<number[]> => {
      const client = networkClient(h, undefined, noRetry);
      await client.routeTables.beginCreateOrUpdateAndWait(RG, 'seeded', { location: 'westeurope' }, POLL);
      h.setFaults(rules);
      const out: number[] = [];
      for (let i = 0; i < 20; i++)
        out.push(
          await client.routeTables.get(RG, 'seeded').then(
            () => 200,
            (e: { statusCode: number }) => e.statusCode,
          ),
        );
      return out;
    };
    const other = await startTestEmulator({ seed: 7 });
    try {
      const first = await outcomes(handle);
      expect(first).toEqual(await outcomes(other));
      expect(new Set(first)).toEqual(new Set([200, 500]));
    } finally {
      await other.stop();
    }
  });

  it('logs every write with method, id, times, status and principal, but no reads', async () => {
    const client = networkClient(handle);
    handle.clearWriteLog();
    await client.routeTables.beginCreateOrUpdateAndWait(RG, 'log-rt', { location: 'westeurope' }, POLL);
    await client.routeTables.get(RG, 'log-rt');
    await client.routeTables.beginDeleteAndWait(RG, 'log-rt', POLL);
    const log = handle.writeLog();
    expect(log.map((e) => [e.method, e.resourceId, e.status, e.principalId])).toEqual([
      ['PUT', networkId('routeTables', 'log-rt'), 201, DEFAULT_PRINCIPAL_ID],
      ['DELETE', networkId('routeTables', 'log-rt'), 202, DEFAULT_PRINCIPAL_ID],
    ]);
    for (const e of log) expect(e.finishedAt).toBeGreaterThanOrEqual(e.startedAt);
    handle.clearWriteLog();
    expect(handle.writeLog()).toEqual([]);
  });
});
