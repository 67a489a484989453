import { startAzurite, type AzuriteTables } from '../../../devhost/startAzurite';
import { DocumentTable } from '../../../src/azure/DocumentTable';

let azurite: AzuriteTables;
let table: DocumentTable;

beforeAll(async () => {
  azurite = await startAzurite();
  table = new DocumentTable(azurite.tableClient('Documents'));
  await table.ensureTable();
});
afterAll(() => azurite.stop());

describe('DocumentTable (Azurite)', () => {
  it('stores a document far past one property (64 KiB) and one entity (1 MiB), and reads it back whole', async () => {
    const big = {
      steps: Array.from({ length: 2_000 }, (_, i) => ({ id: `step:${i}`, text: `é/#?${'x'.repeat(700)}` })),
    };
    expect(JSON.stringify(big).length).toBeGreaterThan(1_400_000);
    await table.put('plan~run-1~abc', [{ name: 'piece~00000', value: big }]);
    expect(await table.get('plan~run-1~abc', 'piece~00000')).toEqual(big);
  });

  it('keeps names apart that share a prefix, lists by prefix, and a shorter rewrite replaces the longer one', async () => {
    await table.put('run~r/2', [
      { name: 'vnet~a', value: { n: 'x'.repeat(70_000) } },
      { name: 'vnet~ab', value: { n: 2 } },
      { name: 'other', value: { n: 3 } },
    ]);
    await table.put('run~r/2', [{ name: 'vnet~a', value: { n: 1 } }]);
    expect(await table.get('run~r/2', 'vnet~a')).toEqual({ n: 1 });
    expect(await table.list('run~r/2', 'vnet~')).toEqual([{ n: 1 }, { n: 2 }]);
    expect(await table.get('run~r/2', 'vnet~abc')).toBeUndefined();
  });
});
