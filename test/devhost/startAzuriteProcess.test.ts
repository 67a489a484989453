import { DocumentTable } from '../../src/azure/DocumentTable';
import { startAzuriteProcess } from '../../devhost/startAzuriteProcess';

// A child process that loads TypeScript through tsx takes seconds on a busy machine.
jest.setTimeout(30_000);

describe('startAzuriteProcess', () => {
  it('serves tables from a child process that holds the data, and stop() ends it (the data goes with it)', async () => {
    const azurite = await startAzuriteProcess();
    try {
      const table = new DocumentTable(azurite.tableClient('Documents'));
      await table.ensureTable();
      await table.put('run~r1', [{ name: 'piece~00000', value: { steps: ['a', 'b'] } }]);
      expect(await table.get('run~r1', 'piece~00000')).toEqual({ steps: ['a', 'b'] });
      expect(azurite.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/devstoreaccount1$/);
    } finally {
      await azurite.stop();
    }
    const gone = new DocumentTable(azurite.tableClient('Documents', { retryOptions: { maxRetries: 0 } }));
    await expect(gone.get('run~r1', 'piece~00000')).rejects.toThrow();
  });
});
