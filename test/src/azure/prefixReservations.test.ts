import { PrefixReservationStore } from '../../../src/azure/prefixReservations';
import { DualstackError } from '../../../src/azure/DualstackError';
import { startAzurite, type AzuriteTables } from '../../../devhost/startAzurite';

const vnet = (name: string, sub = '00000000-0000-0000-0000-000000000001'): string =>
  `/subscriptions/${sub}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/${name}`;
/** the i-th /56 of fd00:db8::/48, written canonically (as the store returns it) */
const slash56 = (i: number): string =>
  i === 0 ? 'fd00:db8::/56' : `fd00:db8:0:${(i * 256).toString(16)}::/56`;

let azurite: AzuriteTables;
let tableSeq = 0;

/** A fresh table per test: tests stay independent without restarting Azurite. */
async function freshStore(): Promise<PrefixReservationStore> {
  const store = new PrefixReservationStore(azurite.tableClient(`reservations${++tableSeq}`));
  await store.ensureTable();
  return store;
}

beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(async () => {
  await azurite.stop();
});

describe('PrefixReservationStore', () => {
  it('reserves the first free candidate and records who holds it', async () => {
    const store = await freshStore();
    await expect(store.reserve(vnet('spoke1'), [slash56(1), slash56(2)], { runId: 'run-a' })).resolves.toBe(
      slash56(1),
    );
    await expect(store.reserve(vnet('spoke2'), [slash56(1), slash56(2)])).resolves.toBe(slash56(2));
    const all = await store.list();
    expect(all.map(({ vnetId, prefix }) => ({ vnetId, prefix }))).toEqual([
      { vnetId: vnet('spoke1'), prefix: slash56(1) },
      { vnetId: vnet('spoke2'), prefix: slash56(2) },
    ]);
    expect(all[0]?.runId).toBe('run-a');
    expect(Number.isNaN(Date.parse(all[0]?.reservedAt ?? ''))).toBe(false);
  });

  it('is idempotent per VNet id, case-insensitively, whatever candidates a later call offers', async () => {
    const store = await freshStore();
    const first = await store.reserve(vnet('Spoke-A'), [slash56(3)]);
    const again = await store.reserve(vnet('spoke-a').toUpperCase().replace('/PROVIDERS/', '/providers/'), [
      slash56(4),
    ]);
    expect(again).toBe(first);
    expect(await store.list()).toHaveLength(1);
    expect((await store.get(vnet('SPOKE-A')))?.prefix).toBe(slash56(3));
  });

  it('lets exactly one of two concurrent reservers win a contested prefix; the other gets the next', async () => {
    const store = await freshStore();
    const candidates = [slash56(1), slash56(2), slash56(3)];
    const results = await Promise.all([
      store.reserve(vnet('left'), candidates),
      store.reserve(vnet('right'), candidates),
    ]);
    expect([...results].sort()).toEqual([slash56(1), slash56(2)]);
  });

  it('makes two concurrent reservers for the same VNet agree on one prefix, even with different preferences', async () => {
    const store = await freshStore();
    const results = await Promise.all([
      store.reserve(vnet('twin'), [slash56(7), slash56(8)]),
      store.reserve(vnet('twin'), [slash56(8), slash56(7)]),
      store.reserve(vnet('twin'), [slash56(7)]),
    ]);
    expect(new Set(results).size).toBe(1);
    // The loser's claim was given back: one VNet, one prefix.
    expect((await store.list()).map((r) => r.prefix)).toEqual([results[0]]);
  });

  it('gives 100 racing reservers for 100 VNets 100 distinct prefixes', async () => {
    const store = await freshStore();
    const candidates = Array.from({ length: 120 }, (_, i) => slash56(i));
    const vnets = Array.from({ length: 100 }, (_, i) => vnet(`spoke${i}`));
    const prefixes = await Promise.all(vnets.map((id) => store.reserve(id, candidates)));
    expect(new Set(prefixes).size).toBe(100);
    const listed = await store.list();
    expect(listed).toHaveLength(100);
    expect(new Map(listed.map((r) => [r.vnetId, r.prefix]))).toEqual(
      new Map(vnets.map((id, i) => [id, prefixes[i]])),
    );
  });

  it('never hands one prefix to two VNets when racers outnumber the prefixes', async () => {
    const store = await freshStore();
    const candidates = Array.from({ length: 8 }, (_, i) => slash56(i));
    const outcomes = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => store.reserve(vnet(`crowd${i}`), candidates)),
    );
    const won = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
    expect([...won].sort()).toEqual([...candidates].sort());
    for (const o of outcomes) {
      if (o.status === 'rejected') expect(o.reason).toMatchObject({ code: 'PrefixesExhausted' });
    }
    expect(await store.list()).toHaveLength(8);
  });

  it('fails terminally with PrefixesExhausted when every candidate is held by another VNet', async () => {
    const store = await freshStore();
    await store.reserve(vnet('owner'), [slash56(1)]);
    const err = await store.reserve(vnet('latecomer'), [slash56(1)]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DualstackError);
    expect(err).toMatchObject({ code: 'PrefixesExhausted', retryable: false, resourceId: vnet('latecomer') });
  });

  it('treats differently written forms of one prefix as the same prefix', async () => {
    const store = await freshStore();
    await store.reserve(vnet('a'), ['FD00:0DB8:0000:0100:0000::/56']);
    await expect(store.reserve(vnet('b'), ['fd00:db8:0:100::/56', slash56(2)])).resolves.toBe(slash56(2));
  });

  it('takes over a claim an interrupted reserve left without its index entry, instead of holding two', async () => {
    const table = azurite.tableClient(`reservations${++tableSeq}`);
    const store = new PrefixReservationStore(table);
    await store.ensureTable();
    // what a reserve that stopped between its claim and its index entry leaves behind
    const vnetId = vnet('interrupted');
    await table.createEntity({
      partitionKey: 'prefix',
      rowKey: 'fd00:db8:0:900::_56',
      prefix: slash56(9),
      vnetId,
      vnetKey: vnetId.toLowerCase(),
      reservedAt: new Date().toISOString(),
      runId: 'crashed',
    });
    await expect(store.reserve(vnetId, [slash56(1), slash56(9)])).resolves.toBe(slash56(9));
    expect((await store.list()).map((r) => r.prefix)).toEqual([slash56(9)]);
    expect((await store.get(vnetId))?.prefix).toBe(slash56(9));
  });

  it('releases a VNet so its prefix can be taken again, and releasing twice is harmless', async () => {
    const store = await freshStore();
    await store.reserve(vnet('gone'), [slash56(5)]);
    await expect(store.release(vnet('gone'))).resolves.toEqual([slash56(5)]);
    await expect(store.release(vnet('gone'))).resolves.toEqual([]);
    expect(await store.get(vnet('gone'))).toBeUndefined();
    await expect(store.reserve(vnet('next'), [slash56(5)])).resolves.toBe(slash56(5));
  });

  it('rejects bad input with errors that name the field', async () => {
    const store = await freshStore();
    await expect(store.reserve('not-an-id', [slash56(1)])).rejects.toThrow(/vnetId: 'not-an-id'/);
    await expect(store.reserve(vnet('x'), [])).rejects.toThrow(/candidatePrefixes: at least one/);
    await expect(store.reserve(vnet('x'), [slash56(1), '10.0.0.0/16'])).rejects.toThrow(
      /candidatePrefixes\[1\]: '10.0.0.0\/16' is not an IPv6 prefix/,
    );
    await expect(store.reserve(vnet('x'), ['fd00:db8:0:101::/56'])).rejects.toThrow(
      /candidatePrefixes\[0\].*host bits set; did you mean fd00:db8:0:100::\/56/,
    );
  });

  it('classifies storage failures: an unreachable table service is a retryable connection drop', async () => {
    const dead = await startAzurite();
    const store = new PrefixReservationStore(
      dead.tableClient('reservations', { retryOptions: { maxRetries: 0 } }),
    );
    await dead.stop();
    const err = await store.list().catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ConnectionDropped', retryable: true });
  });
});
